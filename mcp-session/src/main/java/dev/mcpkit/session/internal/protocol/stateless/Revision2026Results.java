package dev.mcpkit.session.internal.protocol.stateless;

import dev.mcpkit.api.server.ServerInfo;
import dev.mcpkit.codec.JsonRpcCodecs;
import dev.mcpkit.session.internal.protocol.RequestMeta;
import dev.mcpkit.session.internal.protocol.ResourceMethods;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Finishes the results of revision 2026-07-28: every result carries {@code resultType}, names the
 * server in {@code _meta["io.modelcontextprotocol/serverInfo"]}, and the cacheable ones ({@code
 * server/discover}, the lists, {@code resources/read}) carry {@code ttlMs} and {@code cacheScope}.
 *
 * <p>The cache hints follow what can change here: the tool and prompt lists, the templates and the
 * discovery result are fixed when the server is built, so they are {@code public} for {@link
 * #STATIC_TTL_MS} (or {@code private} when some entry requires scopes, so that the list depends on
 * the caller); the resource list may change ({@code notifications/resources/list_changed}) and a
 * resource's contents may change or depend on the caller, so those are immediately stale ({@code
 * ttlMs} 0) and {@code private}.
 *
 * <p>Stateless and thread-safe.
 */
final class Revision2026Results {
  /** Freshness of results fixed at build time: five minutes. */
  static final long STATIC_TTL_MS = 300_000;

  /** How a result may be cached. */
  enum Cache {
    /** Not a cacheable result. */
    NONE,
    /** Fixed at build time: public, {@link #STATIC_TTL_MS}. */
    STATIC,
    /**
     * Fixed at build time, but what the caller sees depends on its scopes: private, {@link
     * #STATIC_TTL_MS}.
     */
    STATIC_PRIVATE,
    /** May change at any time or per caller: private, 0. */
    VOLATILE
  }

  private final ObjectNode serverInfo;

  Revision2026Results(ServerInfo info) {
    ObjectNode node = JsonRpcCodecs.nodes().objectNode();
    node.put("name", info.name());
    node.put("version", info.version());
    if (info.title() != null) {
      node.put("title", info.title());
    }
    this.serverInfo = node;
  }

  /**
   * The {@code server/discover} result: the versions served (both eras unless limited), the
   * capabilities, the instructions.
   */
  ObjectNode discover(dev.mcpkit.api.server.McpServerConfig config, java.util.List<String> served) {
    boolean resources = ResourceMethods.offered(config);
    boolean prompts = !config.prompts().isEmpty();
    ObjectNode result = JsonRpcCodecs.nodes().objectNode();
    tools.jackson.databind.node.ArrayNode versions = result.putArray("supportedVersions");
    served.forEach(versions::add);
    ObjectNode capabilities = result.putObject("capabilities");
    if (!config.tools().isEmpty()) {
      capabilities.putObject("tools").put("listChanged", false);
    }
    capabilities.putObject("logging");
    if (resources) {
      capabilities.putObject("resources").put("subscribe", true).put("listChanged", true);
    }
    if (prompts) {
      capabilities.putObject("prompts").put("listChanged", true);
    }
    if (resources || prompts) {
      capabilities.putObject("completions");
    }
    if (config.tools().stream()
        .anyMatch(tool -> tool.taskSupport() != dev.mcpkit.api.server.TaskSupport.FORBIDDEN)) {
      capabilities
          .withObjectProperty("extensions")
          .putObject(dev.mcpkit.session.internal.tasks.TaskEngine.EXTENSION);
    }
    if (config.instructions() != null) {
      result.put("instructions", config.instructions());
    }
    return result;
  }

  /**
   * Marks a result {@code complete} (unless it says otherwise) and adds the server and cache hints.
   */
  ObjectNode finish(ObjectNode result, Cache cache) {
    if (!result.has("resultType")) {
      result.put("resultType", "complete");
    }
    meta(result).set(RequestMeta.SERVER_INFO, serverInfo.deepCopy());
    switch (cache) {
      case NONE -> {}
      case STATIC -> {
        result.put("ttlMs", STATIC_TTL_MS);
        result.put("cacheScope", "public");
      }
      case STATIC_PRIVATE -> {
        result.put("ttlMs", STATIC_TTL_MS);
        result.put("cacheScope", "private");
      }
      case VOLATILE -> {
        result.put("ttlMs", 0);
        result.put("cacheScope", "private");
      }
    }
    return result;
  }

  /** An {@code input_required} result with the requests and the state for the retry. */
  ObjectNode inputRequired(@Nullable ObjectNode inputRequests, String requestState) {
    ObjectNode result = JsonRpcCodecs.nodes().objectNode();
    result.put("resultType", "input_required");
    if (inputRequests != null) {
      result.set("inputRequests", inputRequests);
    }
    result.put("requestState", requestState);
    meta(result).set(RequestMeta.SERVER_INFO, serverInfo.deepCopy());
    return result;
  }

  private static ObjectNode meta(ObjectNode result) {
    JsonNode existing = result.get("_meta");
    return existing instanceof ObjectNode object ? object : result.putObject("_meta");
  }
}
