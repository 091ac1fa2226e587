package dev.mcpkit.session.internal.protocol;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.McpMethod;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.RequestContext;
import dev.mcpkit.api.server.Resource;
import dev.mcpkit.api.server.ResourceContents;
import dev.mcpkit.api.server.ResourceTemplate;
import dev.mcpkit.codec.JsonRpcCodecs;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code resources/list}, {@code resources/templates/list}, {@code resources/read}, {@code
 * resources/subscribe} and {@code resources/unsubscribe}. The listings are one page (no {@code
 * nextCursor}): they are built once from the immutable configuration. Thread-safe.
 */
public final class ResourceMethods {
  /** The MCP error code for an unknown resource URI. */
  public static final int RESOURCE_NOT_FOUND = -32002;

  private final Map<String, Resource> byUri;
  private final List<UriTemplateMatcher> templates;
  private final ScopedListing list;
  private final ScopedListing templatesList;
  private final Subscriptions subscriptions;

  public ResourceMethods(McpServerConfig config, Subscriptions subscriptions) {
    this.subscriptions = requireNonNull(subscriptions, "subscriptions");
    Map<String, Resource> uris = new HashMap<>();
    List<ScopedListing.Entry> resources = new ArrayList<>();
    for (Resource resource : config.resources()) {
      uris.put(resource.uri(), resource);
      ObjectNode entry = JsonRpcCodecs.nodes().objectNode();
      entry.put("uri", resource.uri());
      entry.put("name", resource.name());
      putIfPresent(entry, "title", resource.title());
      putIfPresent(entry, "description", resource.description());
      putIfPresent(entry, "mimeType", resource.mimeType());
      resources.add(new ScopedListing.Entry(entry, resource.requiredScopes()));
    }
    List<UriTemplateMatcher> matchers = new ArrayList<>();
    List<ScopedListing.Entry> entries = new ArrayList<>();
    for (ResourceTemplate template : config.resourceTemplates()) {
      matchers.add(new UriTemplateMatcher(template));
      ObjectNode entry = JsonRpcCodecs.nodes().objectNode();
      entry.put("uriTemplate", template.uriTemplate());
      entry.put("name", template.name());
      putIfPresent(entry, "title", template.title());
      putIfPresent(entry, "description", template.description());
      putIfPresent(entry, "mimeType", template.mimeType());
      entries.add(new ScopedListing.Entry(entry, template.requiredScopes()));
    }
    this.byUri = Map.copyOf(uris);
    this.templates = List.copyOf(matchers);
    this.list = new ScopedListing("resources", resources);
    this.templatesList = new ScopedListing("resourceTemplates", entries);
  }

  /** Tells whether the server offers resources at all (and so declares the capability). */
  public static boolean offered(McpServerConfig config) {
    return !config.resources().isEmpty() || !config.resourceTemplates().isEmpty();
  }

  private static void putIfPresent(ObjectNode node, String name, @Nullable String value) {
    if (value != null) {
      node.put(name, value);
    }
  }

  static ProtocolError notFound(String uri) {
    ObjectNode data = JsonRpcCodecs.nodes().objectNode();
    data.put("uri", uri);
    return new ProtocolError(new JsonRpcError(RESOURCE_NOT_FOUND, "Resource not found", data));
  }

  /** The {@code resources/list} result for a caller: what its scopes let it see. */
  public ObjectNode list(@Nullable Principal principal) {
    return list.render(principal);
  }

  /** The {@code resources/templates/list} result for a caller: what its scopes let it see. */
  public ObjectNode templatesList(@Nullable Principal principal) {
    return templatesList.render(principal);
  }

  /** Tells whether the template list depends on the caller's scopes. */
  public boolean templatesListPerCaller() {
    return templatesList.perCaller();
  }

  /** The static resource with a URI, or {@code null}. */
  @Nullable Resource resource(String uri) {
    return byUri.get(uri);
  }

  /**
   * The required scopes of what {@code resources/read} of a URI reads: the static resource, else
   * the first template that matches; {@code null} if nothing does.
   */
  @Nullable Set<String> requiredScopes(String uri) {
    Resource resource = byUri.get(uri);
    if (resource != null) {
      return resource.requiredScopes();
    }
    for (UriTemplateMatcher matcher : templates) {
      if (matcher.match(uri) != null) {
        return matcher.template().requiredScopes();
      }
    }
    return null;
  }

  /** Finds the template for a {@code ref/resource} of {@code completion/complete}. */
  @Nullable ResourceTemplate templateNamed(String uriTemplate) {
    for (UriTemplateMatcher matcher : templates) {
      if (matcher.template().uriTemplate().equals(uriTemplate)) {
        return matcher.template();
      }
    }
    return null;
  }

  boolean isStatic(String uri) {
    return byUri.containsKey(uri);
  }

  public JsonNode read(RequestContext context, @Nullable JsonNode params) {
    String uri = uri(params, McpMethod.RESOURCES_READ.wireName());
    List<ResourceContents> contents = null;
    Resource resource = byUri.get(uri);
    if (resource != null) {
      contents =
          HandlerCalls.run("resource '" + uri + "'", () -> resource.handler().read(uri, context));
    } else {
      for (UriTemplateMatcher matcher : templates) {
        Map<String, String> variables = matcher.match(uri);
        if (variables != null) {
          ResourceTemplate template = matcher.template();
          contents =
              HandlerCalls.run(
                  "resource template '" + template.uriTemplate() + "'",
                  () ->
                      template
                          .handler()
                          .read(uri, Collections.unmodifiableMap(variables), context));
          break;
        }
      }
    }
    if (contents == null) {
      throw notFound(uri);
    }
    ObjectNode result = JsonRpcCodecs.nodes().objectNode();
    ArrayNode array = result.putArray("contents");
    for (ResourceContents item : contents) {
      array.add(ContentJson.resourceContents(requireNonNull(item, "resource contents")));
    }
    return result;
  }

  public JsonNode subscribe(Session session, @Nullable JsonNode params) {
    String uri = uri(params, McpMethod.RESOURCES_SUBSCRIBE.wireName());
    if (!exists(uri)) {
      throw notFound(uri);
    }
    subscriptions.subscribe(session, uri);
    return JsonRpcCodecs.nodes().objectNode();
  }

  public JsonNode unsubscribe(Session session, @Nullable JsonNode params) {
    subscriptions.unsubscribe(session, uri(params, McpMethod.RESOURCES_UNSUBSCRIBE.wireName()));
    return JsonRpcCodecs.nodes().objectNode();
  }

  private boolean exists(String uri) {
    if (byUri.containsKey(uri)) {
      return true;
    }
    for (UriTemplateMatcher matcher : templates) {
      if (matcher.match(uri) != null) {
        return true;
      }
    }
    return false;
  }

  private static String uri(@Nullable JsonNode params, String method) {
    JsonNode uri = params == null ? null : params.get("uri");
    if (uri == null || !uri.isString()) {
      throw new ProtocolError(
          JsonRpcError.INVALID_PARAMS, "Invalid params: " + method + " needs a uri string");
    }
    return uri.stringValue();
  }
}
