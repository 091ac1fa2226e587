package dev.mcpkit.session.internal.protocol.stateless;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.InvocationType;
import dev.mcpkit.api.McpMethod;
import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.server.DynamicMethods;
import dev.mcpkit.api.server.LogLevel;
import dev.mcpkit.api.server.RateLimited;
import dev.mcpkit.api.server.RequestErrorException;
import dev.mcpkit.api.server.SessionlessRequest;
import dev.mcpkit.api.server.ToolContext;
import dev.mcpkit.api.spi.transport.IncomingMessages;
import dev.mcpkit.api.spi.transport.MessageSink;
import dev.mcpkit.api.spi.transport.Outcome;
import dev.mcpkit.api.spi.transport.Rejection;
import dev.mcpkit.codec.JsonRpcCodecs;
import dev.mcpkit.codec.McpParamHeaders;
import dev.mcpkit.session.internal.protocol.HeaderChecks;
import dev.mcpkit.session.internal.protocol.InputRounds;
import dev.mcpkit.session.internal.protocol.ProtocolError;
import dev.mcpkit.session.internal.protocol.RequestMeta;
import dev.mcpkit.session.internal.protocol.ToolCallContext;
import java.security.Principal;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hands the catalogue methods of sessionless requests to a {@link DynamicMethods} that serves them
 * ({@link DynamicMethods#servesSessionless()}): what a gateway needs, whose catalogue belongs to
 * the servers behind it. The engine keeps what is the protocol's: the checks made before (version,
 * {@code _meta}, standard headers), rate limits through {@link DynamicMethods#admitSessionless},
 * the {@code requestState} of multi round-trip requests (the handler's continuation, signed and
 * bound by {@link RequestStates} exactly as the engine's own answers are), and the finishing of
 * results ({@link Revision2026Results}).
 *
 * <p>Thread-safe: immutable; each call has its own context.
 */
final class DynamicStatelessCalls {
  private final DynamicMethods dynamic;
  private final RequestStates states;
  private final Revision2026Results results;
  private final String serverName;

  DynamicStatelessCalls(
      DynamicMethods dynamic,
      RequestStates states,
      Revision2026Results results,
      String serverName) {
    this.dynamic = requireNonNull(dynamic, "dynamic");
    this.states = requireNonNull(states, "states");
    this.results = requireNonNull(results, "results");
    this.serverName = requireNonNull(serverName, "serverName");
  }

  /** Whether a method of revision 2026-07-28 is the dynamic catalogue's. */
  static boolean serves(McpMethod method) {
    return DynamicMethods.METHODS.contains(method.wireName())
        && method.existsIn(ProtocolVersion.V2026_07_28);
  }

  /** Whether a request is the dynamic catalogue's: it may do I/O, so it blocks. */
  static boolean serves(JsonRpcRequest request) {
    McpMethod method = McpMethod.of(request.method());
    return method != null && serves(method);
  }

  static InvocationType invocationType() {
    return InvocationType.BLOCKING;
  }

  /** Whether the dynamic catalogue offers a method's capability. */
  boolean offers(McpMethod method) {
    ObjectNode capabilities = dynamic.capabilities();
    return switch (method.serverCapability()) {
      case NONE -> true;
      case TOOLS -> capabilities.has("tools");
      case RESOURCES -> capabilities.has("resources");
      case PROMPTS -> capabilities.has("prompts");
      case COMPLETIONS -> capabilities.has("completions");
      case LOGGING -> false;
    };
  }

  /** Whether the dynamic catalogue declares a capability ({@code prompts}, {@code resources}). */
  boolean declares(String capability) {
    return dynamic.capabilities().has(capability);
  }

  /** The {@code server/discover} result with the dynamic catalogue's capabilities. */
  ObjectNode discover(ObjectNode configured) {
    ObjectNode capabilities = configured.withObjectProperty("capabilities");
    for (String name : new String[] {"tools", "resources", "prompts", "completions"}) {
      capabilities.remove(name);
    }
    capabilities.setAll(dynamic.capabilities().deepCopy());
    return configured;
  }

  /** The refusal of a rate limit, or {@code null} to serve the request. */
  @Nullable Outcome admit(JsonRpcRequest request, @Nullable Principal principal) {
    RateLimited limited = dynamic.admitSessionless(request, principal);
    return limited == null
        ? null
        : new Outcome.Rejected(
            Rejection.TOO_MANY_REQUESTS, limited.error(), request.id(), limited.retryAfter());
  }

  /**
   * Runs one request through the dynamic catalogue.
   *
   * @return the finished result, or {@code null} when the client cancelled it (no answer)
   * @throws ProtocolError with the catalogue's JSON-RPC error, or for a bad {@code requestState} or
   *     {@code inputResponses}
   */
  @Nullable JsonNode call(
      IncomingMessages incoming,
      JsonRpcRequest request,
      McpMethod method,
      RequestMeta meta,
      MessageSink sink) {
    Principal principal = incoming.principal();
    String principalName = principal == null ? null : principal.getName();
    JsonNode params = request.params();
    String binding = RequestStates.binding(request.method(), params);
    ObjectNode continuation = null;
    JsonNode state = params == null ? null : params.get("requestState");
    if (state != null && !state.isNull()) {
      if (!state.isString()) {
        throw new ProtocolError(
            JsonRpcError.INVALID_PARAMS, "Invalid params: requestState must be a string");
      }
      continuation = states.verify(state.stringValue(), binding, principalName).answers();
    }
    ObjectNode responses = InputRounds.merge(JsonRpcCodecs.nodes().objectNode(), params);
    JsonNode stripped = params;
    if (params instanceof ObjectNode object
        && (object.has("requestState") || object.has("inputResponses"))) {
      ObjectNode copy = object.deepCopy();
      copy.remove("requestState");
      copy.remove("inputResponses");
      stripped = copy;
    }
    ToolCallContext context =
        new ToolCallContext(
            request.id(),
            meta.progressToken(),
            sink,
            serverName,
            InvocationType.BLOCKING,
            new RoundTripExchange(meta, null),
            principal);
    sink.onClientClose(context::cancel);
    ObjectNode result;
    try {
      result =
          dynamic.handleSessionless(
              new Request(
                  method.wireName(),
                  stripped,
                  meta,
                  context,
                  continuation,
                  responses,
                  binding,
                  principalName,
                  incoming,
                  sink));
    } catch (RequestErrorException e) {
      throw new ProtocolError(e.error());
    } catch (InterruptedException e) {
      if (!context.isCancelled()) {
        Thread.currentThread().interrupt();
        throw new ProtocolError(JsonRpcError.INTERNAL_ERROR, "Internal error: interrupted");
      }
      result = null;
    } finally {
      if (context.finish()) {
        result = null;
      }
    }
    if (result == null) {
      return null;
    }
    if ("input_required".equals(result.path("resultType").asString(""))) {
      return result;
    }
    return results.finish(result, cache(method));
  }

  /**
   * A gateway's lists and reads follow servers that may change at any time and depend on who asks
   * (tool rules): immediately stale and private.
   */
  private static Revision2026Results.Cache cache(McpMethod method) {
    return switch (method) {
      case TOOLS_LIST, PROMPTS_LIST, RESOURCES_LIST, RESOURCES_TEMPLATES_LIST, RESOURCES_READ ->
          Revision2026Results.Cache.VOLATILE;
      default -> Revision2026Results.Cache.NONE;
    };
  }

  private final class Request implements SessionlessRequest {
    private final String method;
    private final @Nullable JsonNode params;
    private final RequestMeta meta;
    private final ToolCallContext context;
    private final @Nullable ObjectNode continuation;
    private final ObjectNode responses;
    private final String binding;
    private final @Nullable String principal;
    private final IncomingMessages incoming;
    private final MessageSink sink;

    Request(
        String method,
        @Nullable JsonNode params,
        RequestMeta meta,
        ToolCallContext context,
        @Nullable ObjectNode continuation,
        ObjectNode responses,
        String binding,
        @Nullable String principal,
        IncomingMessages incoming,
        MessageSink sink) {
      this.method = method;
      this.params = params;
      this.meta = meta;
      this.context = context;
      this.continuation = continuation;
      this.responses = responses;
      this.binding = binding;
      this.principal = principal;
      this.incoming = incoming;
      this.sink = sink;
    }

    @Override
    public String method() {
      return method;
    }

    @Override
    public @Nullable JsonNode params() {
      return params;
    }

    @Override
    public JsonNode clientCapabilities() {
      return meta.clientCapabilities();
    }

    @Override
    public ToolContext context() {
      return context;
    }

    @Override
    public @Nullable ObjectNode continuation() {
      return continuation;
    }

    @Override
    public ObjectNode inputResponses() {
      return responses;
    }

    @Override
    public ObjectNode inputRequired(ObjectNode inputRequests, ObjectNode continuation) {
      requireNonNull(inputRequests, "inputRequests");
      requireNonNull(continuation, "continuation");
      return results.inputRequired(
          inputRequests.deepCopy(), states.mint(binding, principal, continuation.deepCopy()));
    }

    @Override
    public void checkParamHeaders(JsonNode inputSchema, JsonNode arguments) {
      try {
        HeaderChecks.checkParams(
            incoming.headers(), McpParamHeaders.of(inputSchema), requireNonNull(arguments));
      } catch (ProtocolError e) {
        throw new RequestErrorException(e.error());
      }
    }

    /** Log messages only at or above the level the request opts in to, as the engine's own. */
    @Override
    public void notify(String method, @Nullable JsonNode params) {
      if (context.isCancelled()) {
        return;
      }
      if ("notifications/message".equals(method)) {
        LogLevel minimum = meta.logLevel();
        LogLevel level =
            params == null
                ? null
                : LogLevel.fromWireName(params.path("level").asString("")).orElse(null);
        if (minimum == null || level == null || level.compareTo(minimum) < 0) {
          return;
        }
      }
      sink.send(new JsonRpcNotification(method, params));
    }
  }
}
