package dev.mcpkit.gateway.internal;

import dev.mcpkit.api.client.InitializeResult;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.client.RequestOptions;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.server.ServerInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Asks each upstream once, at the gateway's start, who it is and what it offers (a session opened
 * and closed again): the capabilities and instructions the gateway declares come from there, and so
 * do the warnings about names that several upstreams share. Stateless.
 */
public final class UpstreamProbe {
  private static final Logger LOG = LoggerFactory.getLogger(UpstreamProbe.class);

  private UpstreamProbe() {}

  /**
   * What the probe learnt.
   *
   * @param capabilities each upstream's server capabilities, by name
   * @param serverInfo the first upstream's self-description
   * @param instructions the upstreams' instructions, merged, or {@code null} without any
   * @param warnings name collisions found
   */
  public record Result(
      Map<String, JsonNode> capabilities,
      ServerInfo serverInfo,
      @Nullable String instructions,
      List<String> warnings) {}

  /**
   * Probes every upstream.
   *
   * @param upstreams the upstreams
   * @param separator the separator of exposed names
   * @return what they said
   * @throws IllegalStateException naming the first upstream that cannot be reached or refuses
   */
  public static Result probe(List<Upstream> upstreams, String separator) {
    Map<String, JsonNode> capabilities = new LinkedHashMap<>();
    Map<String, List<String>> toolOwners = new LinkedHashMap<>();
    Map<String, List<String>> promptOwners = new LinkedHashMap<>();
    List<String> instructions = new ArrayList<>();
    ServerInfo first = null;
    UpstreamCallbacks ignore =
        new UpstreamCallbacks() {
          @Override
          public JsonNode onRequest(String method, JsonNode params) {
            throw new IllegalStateException("the probe answers no requests");
          }

          @Override
          public void onNotification(JsonRpcNotification notification) {}
        };
    for (Upstream upstream : upstreams) {
      try (McpClient client = settled(upstream, ignore)) {
        InitializeResult result = client.initialize();
        capabilities.put(upstream.name(), result.capabilities());
        if (first == null) {
          JsonNode title = result.raw().path("serverInfo").get("title");
          first =
              new ServerInfo(
                  result.serverName(),
                  result.serverVersion(),
                  title != null && title.isString() ? title.asString() : null);
        }
        if (result.instructions() != null) {
          instructions.add(
              upstreams.size() == 1
                  ? result.instructions()
                  : "## " + upstream.name() + "\n\n" + result.instructions());
        }
        if (Capabilities.declares(result.capabilities(), "tools")) {
          names(client, "tools/list", "tools", upstream.name(), toolOwners);
        }
        if (Capabilities.declares(result.capabilities(), "prompts")) {
          names(client, "prompts/list", "prompts", upstream.name(), promptOwners);
        }
      } catch (McpClientException e) {
        throw new IllegalStateException(
            "upstream " + upstream.name() + " cannot be reached or refuses: " + e.getMessage(), e);
      }
    }
    List<String> warnings = new ArrayList<>();
    if (upstreams.size() > 1) {
      Naming naming = new Naming(true, separator);
      collisions("tool", toolOwners, naming, warnings);
      collisions("prompt", promptOwners, naming, warnings);
    }
    warnings.forEach(LOG::warn);
    return new Result(
        capabilities,
        first == null ? ServerInfo.of("mcpkit-gateway", "0.1.0") : first,
        instructions.isEmpty() ? null : String.join("\n\n", instructions),
        warnings);
  }

  /** A client of the generation the upstream is spoken to in, learnt by this first probe. */
  private static McpClient settled(Upstream upstream, UpstreamCallbacks ignore) {
    McpClient client = upstream.open(JsonNodeFactory.instance.objectNode(), ignore);
    try {
      client.initialize();
      if (upstream.learned(client)) {
        return client;
      }
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
    client.close();
    McpClient settled = upstream.open(JsonNodeFactory.instance.objectNode(), ignore);
    try {
      settled.initialize();
      upstream.learned(settled);
      return settled;
    } catch (RuntimeException e) {
      settled.close();
      throw e;
    }
  }

  private static void names(
      McpClient client,
      String method,
      String member,
      String upstream,
      Map<String, List<String>> owners) {
    String cursor = null;
    for (int page = 0; page < 100; page++) {
      ObjectNode params = JsonNodeFactory.instance.objectNode();
      if (cursor != null) {
        params.put("cursor", cursor);
      }
      JsonNode result = client.request(method, params, RequestOptions.defaults());
      for (JsonNode item : result.path(member)) {
        owners
            .computeIfAbsent(item.path("name").asString(""), k -> new ArrayList<>())
            .add(upstream);
      }
      JsonNode next = result.get("nextCursor");
      if (next == null || !next.isString()) {
        return;
      }
      cursor = next.asString();
    }
  }

  private static void collisions(
      String kind, Map<String, List<String>> owners, Naming naming, List<String> warnings) {
    Map<String, String> exposedBy = new LinkedHashMap<>();
    owners.forEach(
        (name, upstreams) -> {
          if (upstreams.size() > 1) {
            List<String> exposed = new ArrayList<>();
            upstreams.forEach(u -> exposed.add(naming.exposed(u, name)));
            warnings.add(
                kind
                    + " name collision: '"
                    + name
                    + "' is offered by upstreams "
                    + String.join(", ", upstreams)
                    + "; exposed as "
                    + String.join(", ", exposed));
          }
          for (String upstream : upstreams) {
            String exposed = naming.exposed(upstream, name);
            String other = exposedBy.putIfAbsent(exposed, upstream + "/" + name);
            if (other != null && !other.equals(upstream + "/" + name)) {
              warnings.add(
                  kind
                      + " name collision: '"
                      + exposed
                      + "' names both "
                      + other
                      + " and "
                      + upstream
                      + "/"
                      + name
                      + "; only the first is served");
            }
          }
        });
  }
}
