package dev.mcpkit.session.internal.protocol;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.McpMethod;
import dev.mcpkit.api.ScopedPrincipal;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Prompt;
import dev.mcpkit.api.server.Resource;
import dev.mcpkit.api.server.ResourceTemplate;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.spi.transport.Outcome;
import dev.mcpkit.codec.JsonRpcCodecs;
import java.security.Principal;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The required scopes of tools, resources, resource templates and prompts, checked for both
 * protocol generations before a request reaches its handler. A request is refused when it names an
 * item whose required scopes its principal does not all hold: {@code tools/call}, {@code
 * resources/read} and {@code resources/subscribe} (of a static resource, or of a URI a template
 * matches, with the precedence of {@code resources/read}), {@code prompts/get}, {@code
 * completion/complete} of a prompt's argument or a template's variable, and {@code
 * subscriptions/listen} with resource subscriptions (all their resources' scopes). A request that
 * names nothing known, or is malformed, passes: its handler answers the error it always did.
 *
 * <p>The refusal is, where the whole HTTP exchange can carry it, {@link Outcome.Rejected} with
 * {@link dev.mcpkit.api.spi.transport.Rejection#INSUFFICIENT_SCOPE} (403 and the {@code
 * insufficient_scope} challenge); inside a JSON-RPC batch, the error response {@link #error}: code
 * {@code -32600} ({@link JsonRpcError#INVALID_REQUEST}, as the transport's other 401/403 bodies),
 * message {@code Forbidden: insufficient scope ...}, and {@code data.requiredScopes}.
 *
 * <p>A principal holds the scopes of {@link ScopedPrincipal#scopes()}; any other principal, and an
 * anonymous request, holds none. When nothing in the configuration requires a scope, every check is
 * one field read.
 *
 * <p>Immutable and thread-safe.
 */
public final class ScopeChecks {
  private final boolean enabled;
  private final Map<String, Tool> tools;
  private final ResourceMethods resources;
  private final PromptMethods prompts;

  /**
   * Creates the checks of a server.
   *
   * @param config the server's definition
   * @param tools its tools by name
   * @param resources its resources and templates
   * @param prompts its prompts
   */
  public ScopeChecks(
      McpServerConfig config,
      Map<String, Tool> tools,
      ResourceMethods resources,
      PromptMethods prompts) {
    this.tools = requireNonNull(tools, "tools");
    this.resources = requireNonNull(resources, "resources");
    this.prompts = requireNonNull(prompts, "prompts");
    this.enabled =
        config.tools().stream().anyMatch(tool -> !tool.requiredScopes().isEmpty())
            || config.resources().stream().anyMatch(r -> !r.requiredScopes().isEmpty())
            || config.resourceTemplates().stream().anyMatch(t -> !t.requiredScopes().isEmpty())
            || config.prompts().stream().anyMatch(prompt -> !prompt.requiredScopes().isEmpty());
  }

  /**
   * Tells whether a principal holds every one of the required scopes.
   *
   * @param required the scopes required; empty for none
   * @param principal the principal, or {@code null} for an anonymous request
   * @return {@code true} if nothing is required or the principal holds it all
   */
  public static boolean allows(Set<String> required, @Nullable Principal principal) {
    return required.isEmpty()
        || (principal instanceof ScopedPrincipal scoped && scoped.scopes().containsAll(required));
  }

  /**
   * Finds what a request's principal lacks.
   *
   * @param request the request
   * @param principal who sent it, or {@code null} if anonymous
   * @return the required scopes of the item the request names, if the principal lacks one of them;
   *     {@code null} if it may proceed
   */
  public @Nullable Set<String> lacking(JsonRpcRequest request, @Nullable Principal principal) {
    if (!enabled) {
      return null;
    }
    Set<String> required = requiredScopes(request);
    return required == null || allows(required, principal) ? null : required;
  }

  /** The required scopes of the item a request names, or {@code null} if it names none. */
  private @Nullable Set<String> requiredScopes(JsonRpcRequest request) {
    McpMethod method = McpMethod.of(request.method());
    JsonNode params = request.params();
    if (method == null || params == null) {
      return null;
    }
    return switch (method) {
      case TOOLS_CALL -> {
        Tool tool = ToolCallParams.named(tools, params);
        yield tool == null ? null : tool.requiredScopes();
      }
      case RESOURCES_READ, RESOURCES_SUBSCRIBE -> {
        String uri = text(params.get("uri"));
        yield uri == null ? null : resources.requiredScopes(uri);
      }
      case PROMPTS_GET -> promptScopes(params.get("name"));
      case COMPLETION_COMPLETE -> completionScopes(params.get("ref"));
      case SUBSCRIPTIONS_LISTEN -> listenScopes(params.get("notifications"));
      default -> null;
    };
  }

  /**
   * A listen stream's resource subscriptions need what reading each resource needs, as {@code
   * resources/subscribe} does: all of it, or the stream is refused.
   */
  private @Nullable Set<String> listenScopes(@Nullable JsonNode notifications) {
    JsonNode uris = notifications == null ? null : notifications.get("resourceSubscriptions");
    if (uris == null || !uris.isArray()) {
      return null;
    }
    Set<String> required = new HashSet<>();
    for (JsonNode uri : uris) {
      Set<String> scopes = uri.isString() ? resources.requiredScopes(uri.stringValue()) : null;
      if (scopes != null) {
        required.addAll(scopes);
      }
    }
    return required.isEmpty() ? null : required;
  }

  private @Nullable Set<String> promptScopes(@Nullable JsonNode name) {
    String text = text(name);
    Prompt prompt = text == null ? null : prompts.named(text);
    return prompt == null ? null : prompt.requiredScopes();
  }

  private @Nullable Set<String> completionScopes(@Nullable JsonNode ref) {
    if (ref == null || !ref.isObject()) {
      return null;
    }
    String type = text(ref.get("type"));
    if ("ref/prompt".equals(type)) {
      return promptScopes(ref.get("name"));
    }
    String uri = "ref/resource".equals(type) ? text(ref.get("uri")) : null;
    if (uri == null) {
      return null;
    }
    ResourceTemplate template = resources.templateNamed(uri);
    if (template != null) {
      return template.requiredScopes();
    }
    Resource resource = resources.resource(uri);
    return resource == null ? null : resource.requiredScopes();
  }

  private static @Nullable String text(@Nullable JsonNode node) {
    return node != null && node.isString() ? node.stringValue() : null;
  }

  /**
   * The error of a request refused for its scopes, for its response or the refusal's body.
   *
   * @param required the scopes the request needs
   * @return the error: {@code -32600}, a message naming the scopes, {@code data.requiredScopes}
   */
  public static JsonRpcError error(Set<String> required) {
    Set<String> sorted = new TreeSet<>(required);
    ObjectNode data = JsonRpcCodecs.nodes().objectNode();
    data.put("error", "insufficient_scope");
    ArrayNode scopes = data.putArray("requiredScopes");
    sorted.forEach(scopes::add);
    return new JsonRpcError(
        JsonRpcError.INVALID_REQUEST,
        "Forbidden: insufficient scope; this request requires " + String.join(" ", sorted),
        data);
  }

  /**
   * The refusal of a whole HTTP exchange whose one request lacks scopes.
   *
   * @param request the request
   * @param required the scopes it needs
   * @return the rejection (403 with the {@code insufficient_scope} challenge)
   */
  public static Outcome.Rejected rejection(JsonRpcRequest request, Set<String> required) {
    return Outcome.Rejected.insufficientScope(error(required), request.id(), required);
  }
}
