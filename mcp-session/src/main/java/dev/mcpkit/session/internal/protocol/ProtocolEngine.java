package dev.mcpkit.session.internal.protocol;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.ClientInfo;
import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.InvocationType;
import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.SessionAdmissionException;
import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.SessionInit;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcErrorResponse;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.jsonrpc.JsonRpcResponse;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.api.server.LogLevel;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.ServerNotifications;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.api.spi.EventStore;
import dev.mcpkit.api.spi.McpServerObserver;
import dev.mcpkit.api.spi.transport.IncomingMessages;
import dev.mcpkit.api.spi.transport.JsonRpcCodec;
import dev.mcpkit.api.spi.transport.MessageSink;
import dev.mcpkit.api.spi.transport.Outcome;
import dev.mcpkit.api.spi.transport.Rejection;
import dev.mcpkit.api.spi.transport.SessionOutbound;
import dev.mcpkit.api.spi.transport.TransportEngine;
import dev.mcpkit.session.EventStores;
import dev.mcpkit.session.internal.DefaultSessionManager;
import dev.mcpkit.session.internal.EngineSession;
import java.security.Principal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The MCP protocol engine. Requests of the sessionless revision 2026-07-28 are selected per request
 * and served by {@link StatelessRequests}; the rest is the engine of the session-based revisions
 * (2025-03-26, 2025-06-18, 2025-11-25): the handshake, {@code ping}, tools, resources (with
 * subscriptions), prompts, completion, logging level, cancellation, progress and requests to the
 * client (answered by the client's POSTed responses), on top of a {@link SessionManager}.
 *
 * <p>Thread-safe. Requests run on the caller's thread; the only shared mutable state is the table
 * of calls in flight (a {@link ConcurrentHashMap}), which {@code notifications/cancelled} consults,
 * the table of requests to clients waiting for answers, and the resource subscriptions with their
 * outbound channel ({@link Subscriptions}, thread-safe itself).
 */
public final class ProtocolEngine implements TransportEngine {
  private static final Logger LOG = LoggerFactory.getLogger(ProtocolEngine.class);
  private static final String INITIALIZE = "initialize";

  /**
   * How often a quiet {@code subscriptions/listen} stream checks that its client is still there.
   */
  private static final java.time.Duration LISTEN_KEEP_ALIVE = java.time.Duration.ofMillis(500);

  /** How long the {@code requestState} of a multi round-trip request stays valid, by default. */
  public static final java.time.Duration DEFAULT_REQUEST_STATE_LIFETIME =
      java.time.Duration.ofMinutes(10);

  private final McpServerConfig config;
  private final SessionManager sessions;
  private final Map<String, Tool> tools;
  private final ObjectNode toolsList;

  /**
   * The {@code initialize} result of each protocol version, built once: it depends only on the
   * configuration and the version. Every {@code initialize} answers with the same node, so it is
   * shared, and it is safe to share because nothing writes into a result after the engine returns
   * it: the codec only reads it, writing it into each response it encodes ({@link JsonRpcWriter}),
   * the transport only encodes it through the codec, and the engine's observers read only {@code
   * isError}. Saves building an {@code ObjectNode} tree (five {@code LinkedHashMap}s) per {@code
   * initialize}.
   */
  private final Map<ProtocolVersion, ObjectNode> initializeResults;

  private final ConcurrentHashMap<InFlightKey, ToolCallContext> inFlight =
      new ConcurrentHashMap<>();
  private final PendingRequests pending = new PendingRequests();
  private final Subscriptions subscriptions;
  private final ResourceMethods resourceMethods;
  private final PromptMethods promptMethods;
  private final CompletionMethods completionMethods;
  private final EventStore events;
  private final McpServerObserver observer;
  private final ObservedNames names;
  private final ListenStreams listen;
  private final StatelessRequests stateless;

  /**
   * Creates an engine.
   *
   * @param config the server's definition
   * @param sessions the sessions it creates and serves
   */
  public ProtocolEngine(McpServerConfig config, SessionManager sessions) {
    this(config, sessions, EventStores.inMemory());
  }

  /**
   * Creates an engine whose SSE events are kept in the given store.
   *
   * @param config the server's definition
   * @param sessions the sessions it creates and serves
   * @param events the store for SSE events, handed to the transport
   */
  public ProtocolEngine(McpServerConfig config, SessionManager sessions, EventStore events) {
    this(config, sessions, events, McpServerObserver.NONE);
  }

  /**
   * Creates an engine whose SSE events are kept in the given store and whose operations are
   * observed.
   *
   * @param config the server's definition
   * @param sessions the sessions it creates and serves
   * @param events the store for SSE events, handed to the transport
   * @param observer sees every request's start and end
   */
  public ProtocolEngine(
      McpServerConfig config,
      SessionManager sessions,
      EventStore events,
      McpServerObserver observer) {
    this(config, sessions, events, observer, null, DEFAULT_REQUEST_STATE_LIFETIME);
  }

  /**
   * Creates an engine with every option.
   *
   * @param config the server's definition
   * @param sessions the sessions it creates and serves
   * @param events the store for SSE events, handed to the transport
   * @param observer sees every request's start and end
   * @param requestStateKey the HMAC key of {@code requestState} (32+ bytes), or {@code null} for a
   *     random one
   * @param requestStateLifetime how long a minted {@code requestState} stays valid
   */
  public ProtocolEngine(
      McpServerConfig config,
      SessionManager sessions,
      EventStore events,
      McpServerObserver observer,
      byte @Nullable [] requestStateKey,
      java.time.Duration requestStateLifetime) {
    this(config, sessions, events, observer, requestStateKey, requestStateLifetime, null);
  }

  /**
   * Creates an engine with every option.
   *
   * @param config the server's definition
   * @param sessions the sessions it creates and serves
   * @param events the store for SSE events, handed to the transport
   * @param observer sees every request's start and end
   * @param requestStateKey the HMAC key of {@code requestState} (32+ bytes), or {@code null} for a
   *     random one
   * @param requestStateLifetime how long a minted {@code requestState} stays valid
   * @param requestStateHandles keeps the answers of multi round-trip requests as single-use
   *     handles, or {@code null} to carry them in the signed state
   */
  public ProtocolEngine(
      McpServerConfig config,
      SessionManager sessions,
      EventStore events,
      McpServerObserver observer,
      byte @Nullable [] requestStateKey,
      java.time.Duration requestStateLifetime,
      @Nullable SessionManager requestStateHandles) {
    this.observer = requireNonNull(observer, "observer");
    this.names = new ObservedNames(config);
    this.events = requireNonNull(events, "events");
    this.config = requireNonNull(config, "config");
    this.sessions = requireNonNull(sessions, "sessions");
    if (!(sessions instanceof DefaultSessionManager)) {
      // The engine's bookkeeping (EngineSession) lives on the sessions this module's manager makes.
      throw new IllegalArgumentException(
          "sessions must be built by dev.mcpkit.session.SessionManagers; got "
              + sessions.getClass().getName());
    }
    Map<String, Tool> byName = new HashMap<>();
    for (Tool tool : config.tools()) {
      byName.put(tool.name(), tool);
    }
    this.tools = Map.copyOf(byName);
    this.toolsList = McpResults.toolsList(config);
    EnumMap<ProtocolVersion, ObjectNode> initializeResults = new EnumMap<>(ProtocolVersion.class);
    for (ProtocolVersion version : ProtocolVersion.values()) {
      initializeResults.put(version, McpResults.initializeResult(config, version));
    }
    this.initializeResults = initializeResults;
    this.subscriptions = new Subscriptions(sessions);
    this.resourceMethods = new ResourceMethods(config, subscriptions);
    this.promptMethods = new PromptMethods(config);
    this.completionMethods = new CompletionMethods(promptMethods, resourceMethods);
    this.listen = new ListenStreams(subscriptions, LISTEN_KEEP_ALIVE);
    this.stateless =
        new StatelessRequests(
            config,
            tools,
            toolsList,
            resourceMethods,
            promptMethods,
            completionMethods,
            listen,
            new RequestStates(
                requestStateKey == null ? RequestStates.randomKey() : requestStateKey,
                requestStateLifetime,
                java.time.InstantSource.system(),
                requestStateHandles),
            observer,
            names);
  }

  @Override
  public JsonRpcCodec codec() {
    return JacksonJsonRpcCodec.INSTANCE;
  }

  @Override
  public @Nullable Session session(@Nullable String sessionId, @Nullable Principal principal) {
    return resolve(sessionId, principal);
  }

  @Override
  public EventStore eventStore() {
    return events;
  }

  @Override
  public ServerNotifications notifications() {
    return listen;
  }

  @Override
  public void attachOutbound(SessionOutbound outbound) {
    subscriptions.attach(requireNonNull(outbound, "outbound"));
  }

  @Override
  public Outcome post(IncomingMessages incoming, MessageSink sink) {
    requireNonNull(incoming, "incoming");
    requireNonNull(sink, "sink");
    if (StatelessRequests.selects(incoming)) {
      // Revision 2026-07-28 and unknown versions: chosen per request, served without a session.
      return stateless.post(incoming, sink);
    }
    String header = incoming.protocolVersion();
    if (header != null && ProtocolVersion.fromWireName(header).isEmpty()) {
      return rejected(
          Rejection.INVALID_MESSAGE, "Bad Request: unsupported MCP-Protocol-Version " + header);
    }
    List<JsonRpcMessage> messages = incoming.messages();
    if (messages.stream().anyMatch(ProtocolEngine::isInitialize)) {
      if (messages.size() > 1 || incoming.batch()) {
        return rejected(
            Rejection.INVALID_MESSAGE,
            "Invalid Request: initialize must be sent alone, not in a batch");
      }
      JsonRpcRequest request = (JsonRpcRequest) messages.getFirst();
      if (observer == McpServerObserver.NONE) {
        return initialize(request, incoming.principal(), incoming.clientAddress());
      }
      McpServerObserver.Operation operation =
          observer.operationStarted(
              INITIALIZE,
              null,
              requestedVersion(request),
              meta(request),
              sink.networkProtocolVersion());
      Outcome outcome = initialize(request, incoming.principal(), incoming.clientAddress());
      operation.ended(
          switch (outcome) {
            case Outcome.Answered answered -> errorType(answered.responses().getFirst());
            case Outcome.Rejected rejected -> Integer.toString(rejected.error().code());
            case Outcome.Accepted accepted -> null;
          });
      return outcome;
    }
    Session resolved = resolve(incoming.sessionId(), incoming.principal());
    if (resolved == null) {
      return incoming.sessionId() == null ? missingSession() : unknownSession();
    }
    EngineSession session = EngineSession.of(resolved);
    if (incoming.batch() && !session.protocolVersion().allowsBatches()) {
      return rejected(
          Rejection.INVALID_MESSAGE,
          "Invalid Request: batches are not allowed in protocol version "
              + session.protocolVersion());
    }
    if (!session.tryEnter()) {
      return unknownSession();
    }
    try {
      List<JsonRpcMessage> responses = new ArrayList<>();
      boolean sawRequest = false;
      for (JsonRpcMessage message : messages) {
        switch (message) {
          case JsonRpcRequest request -> {
            sawRequest = true;
            JsonRpcMessage response = answer(session, request, sink);
            if (response != null) {
              responses.add(response);
            }
          }
          case JsonRpcNotification notification -> onNotification(session, notification);
          case JsonRpcResponse response -> onAnswer(session, response.id(), response);
          case JsonRpcErrorResponse error -> onAnswer(session, error.id(), error);
        }
      }
      return sawRequest
          ? new Outcome.Answered(responses, incoming.batch(), null)
          : new Outcome.Accepted();
    } finally {
      session.exit();
    }
  }

  /**
   * Non-blocking when the session manager is (no store that does I/O) and every message is: a
   * notification or a client's answer (they only set state, complete a future or interrupt another
   * thread), or a request for {@code initialize}, {@code ping}, {@code logging/setLevel}, a list
   * built from the configuration ({@code tools/list}, {@code resources/list}, {@code
   * resources/templates/list}, {@code prompts/list}), or {@code tools/call} of an unknown tool (an
   * error) or of a tool declared {@linkplain Tool#invocationType() non-blocking}. Listeners and
   * observers do not count: their contracts forbid blocking. Reading resources, getting prompts and
   * completion run the application's handlers and may block. Requests of revision 2026-07-28 are
   * classified by {@link StatelessRequests#invocationType}.
   */
  @Override
  public InvocationType invocationType(IncomingMessages incoming) {
    if (StatelessRequests.selects(incoming)) {
      return stateless.invocationType(incoming); // no sessions there
    }
    if (!sessions.invocationType().isNonBlocking()) {
      return InvocationType.BLOCKING;
    }
    List<JsonRpcMessage> messages = incoming.messages();
    for (int i = 0, n = messages.size(); i < n; i++) {
      if (messages.get(i) instanceof JsonRpcRequest request
          && !invocationType(request).isNonBlocking()) {
        return InvocationType.BLOCKING;
      }
    }
    return InvocationType.NON_BLOCKING;
  }

  private InvocationType invocationType(JsonRpcRequest request) {
    return switch (request.method()) {
      case INITIALIZE,
          "ping",
          "tools/list",
          "logging/setLevel",
          "resources/list",
          "resources/templates/list",
          "prompts/list" ->
          InvocationType.NON_BLOCKING;
      case "tools/call" -> {
        Tool tool = ToolCallParams.named(tools, request.params());
        yield tool == null ? InvocationType.NON_BLOCKING : tool.invocationType();
      }
      default -> InvocationType.BLOCKING;
    };
  }

  /** Non-blocking when the session manager is: the rest sets state and interrupts other threads. */
  @Override
  public InvocationType deleteInvocationType() {
    return sessions.invocationType();
  }

  @Override
  public Outcome delete(@Nullable String sessionId, @Nullable Principal principal) {
    Session session = resolve(sessionId, principal);
    if (session == null) {
      return sessionId == null ? missingSession() : unknownSession();
    }
    if (session.close(CloseReason.CLIENT_REQUEST)) {
      // Nobody will read the answers of the session's calls still running: stop them.
      inFlight.forEach(
          (key, call) -> {
            if (key.sessionId().equals(session.id())) {
              call.cancel();
            }
          });
    }
    return new Outcome.Accepted();
  }

  private static boolean isInitialize(JsonRpcMessage message) {
    return message instanceof JsonRpcRequest request && INITIALIZE.equals(request.method());
  }

  /** Finds the live session a request names; a session bound to another principal is unknown. */
  private @Nullable Session resolve(@Nullable String sessionId, @Nullable Principal principal) {
    if (sessionId == null || !SessionId.isValid(sessionId)) {
      return null;
    }
    Session session = sessions.touch(SessionId.of(sessionId));
    if (session == null) {
      return null;
    }
    Principal owner = session.principal().orElse(null);
    if (owner != null && (principal == null || !owner.getName().equals(principal.getName()))) {
      return null;
    }
    return session;
  }

  private Outcome initialize(
      JsonRpcRequest request, @Nullable Principal principal, @Nullable String clientAddress) {
    JsonNode params = request.params();
    JsonNode requested = params == null ? null : params.get("protocolVersion");
    if (requested == null || !requested.isString()) {
      JsonRpcMessage error =
          errorResponse(
              request.id(),
              JsonRpcError.INVALID_PARAMS,
              "Invalid params: initialize needs a protocolVersion string");
      return new Outcome.Answered(List.of(error), false, null);
    }
    ProtocolVersion version = ProtocolVersion.negotiate(requested.stringValue());
    JsonNode capabilities = params.get("capabilities");
    if (capabilities == null || !capabilities.isObject()) {
      capabilities = JacksonJsonRpcCodec.NODES.objectNode();
    }
    Session session;
    try {
      session =
          sessions.create(
              new SessionInit(
                  version,
                  clientInfo(params.get("clientInfo")),
                  capabilities,
                  principal,
                  clientAddress));
    } catch (SessionAdmissionException e) {
      LOG.debug("initialize refused: {}", e.getMessage());
      return new Outcome.Rejected(
          e.isClientLimit() ? Rejection.TOO_MANY_REQUESTS : Rejection.UNAVAILABLE,
          JsonRpcError.of(JsonRpcError.INTERNAL_ERROR, e.getMessage()),
          request.id(),
          e.retryAfter());
    }
    JsonRpcMessage response = new JsonRpcResponse(request.id(), initializeResults.get(version));
    return new Outcome.Answered(List.of(response), false, session.id());
  }

  private static @Nullable ClientInfo clientInfo(@Nullable JsonNode node) {
    if (node == null || !node.isObject()) {
      return null;
    }
    JsonNode name = node.get("name");
    JsonNode version = node.get("version");
    JsonNode title = node.get("title");
    if (name == null || !name.isString() || version == null || !version.isString()) {
      return null;
    }
    return new ClientInfo(
        name.stringValue(),
        version.stringValue(),
        title != null && title.isString() ? title.stringValue() : null);
  }

  private void onNotification(Session session, JsonRpcNotification notification) {
    switch (notification.method()) {
      case "notifications/initialized" -> EngineSession.of(session).activate();
      case "notifications/cancelled" -> {
        JsonNode params = notification.params();
        RequestId id = params == null ? null : requestId(params.get("requestId"));
        if (id != null) {
          ToolCallContext call = inFlight.get(new InFlightKey(session.id(), id));
          if (call != null) {
            call.cancel();
          }
        }
      }
      default -> LOG.debug("ignoring notification {}", notification.method());
    }
  }

  /** Hands a client's answer to the tool waiting for it; answers nobody waits for are dropped. */
  private void onAnswer(Session session, @Nullable RequestId id, JsonRpcMessage answer) {
    if (id == null || !pending.complete(session.id(), id, answer)) {
      LOG.debug("dropping an answer nobody waits for: {}", id);
    }
  }

  private static @Nullable RequestId requestId(@Nullable JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isString()) {
      return RequestId.of(node.stringValue());
    }
    return node.isIntegralNumber() ? RequestId.of(node.longValue()) : null;
  }

  /** Answers one request, observed; {@code null} when it was cancelled and so gets no response. */
  private @Nullable JsonRpcMessage answer(
      Session session, JsonRpcRequest request, MessageSink sink) {
    if (observer == McpServerObserver.NONE) {
      return respond(session, request, sink);
    }
    McpServerObserver.Operation operation =
        observer.operationStarted(
            names.method(request),
            names.target(request),
            session.protocolVersion(),
            meta(request),
            sink.networkProtocolVersion());
    JsonRpcMessage response = respond(session, request, sink);
    operation.ended(response == null ? "cancelled" : errorType(response));
    return response;
  }

  private static @Nullable JsonNode meta(JsonRpcRequest request) {
    JsonNode params = request.params();
    JsonNode meta = params == null ? null : params.get("_meta");
    return meta != null && meta.isObject() ? meta : null;
  }

  private static @Nullable ProtocolVersion requestedVersion(JsonRpcRequest request) {
    JsonNode params = request.params();
    JsonNode requested = params == null ? null : params.get("protocolVersion");
    return requested != null && requested.isString()
        ? ProtocolVersion.negotiate(requested.stringValue())
        : null;
  }

  /** The semantic conventions' {@code error.type}: the JSON-RPC code, or {@code tool_error}. */
  private static @Nullable String errorType(JsonRpcMessage response) {
    return switch (response) {
      case JsonRpcErrorResponse error -> Integer.toString(error.error().code());
      case JsonRpcResponse ok -> {
        JsonNode isError = ok.result().get("isError");
        yield isError != null && isError.isBoolean() && isError.booleanValue()
            ? "tool_error"
            : null;
      }
      default -> null;
    };
  }

  /** Answers one request; {@code null} when it was cancelled and so gets no response. */
  private @Nullable JsonRpcMessage respond(
      Session session, JsonRpcRequest request, MessageSink sink) {
    try {
      JsonNode result =
          switch (request.method()) {
            case "ping" -> JacksonJsonRpcCodec.NODES.objectNode();
            case "tools/list" -> toolsList.deepCopy();
            case "tools/call" -> callTool(session, request, sink);
            case "logging/setLevel" -> setLevel(session, request.params());
            case "resources/list",
                "resources/templates/list",
                "resources/read",
                "resources/subscribe",
                "resources/unsubscribe",
                "prompts/list",
                "prompts/get",
                "completion/complete" ->
                offered(session, request, sink);
            default ->
                throw new ProtocolError(
                    JsonRpcError.METHOD_NOT_FOUND, "Method not found: " + request.method());
          };
      return result == null ? null : new JsonRpcResponse(request.id(), result);
    } catch (ProtocolError e) {
      LOG.debug("request {} {} failed: {}", request.id(), request.method(), e.getMessage());
      return new JsonRpcErrorResponse(request.id(), e.error());
    } catch (RuntimeException e) {
      LOG.debug("request {} {} failed", request.id(), request.method(), e);
      return errorResponse(request.id(), JsonRpcError.INTERNAL_ERROR, "Internal error");
    }
  }

  /** Resources, prompts and completion; each exists only when the capability is declared. */
  private JsonNode offered(Session session, JsonRpcRequest request, MessageSink sink) {
    boolean resources = ResourceMethods.offered(config);
    boolean prompts = !config.prompts().isEmpty();
    String method = request.method();
    boolean available =
        method.startsWith("resources/")
            ? resources
            : method.startsWith("prompts/") ? prompts : resources || prompts;
    if (!available) {
      throw new ProtocolError(JsonRpcError.METHOD_NOT_FOUND, "Method not found: " + method);
    }
    HandlerContext context =
        new HandlerContext(session, request.id(), sink, config.serverInfo().name());
    try {
      return switch (method) {
        case "resources/list" -> resourceMethods.list();
        case "resources/templates/list" -> resourceMethods.templatesList();
        case "resources/read" -> resourceMethods.read(context, request.params());
        case "resources/subscribe" -> resourceMethods.subscribe(session, request.params());
        case "resources/unsubscribe" -> resourceMethods.unsubscribe(session, request.params());
        case "prompts/list" -> promptMethods.list();
        case "prompts/get" -> promptMethods.get(context, request.params());
        case "completion/complete" -> completionMethods.complete(context, request.params());
        default ->
            throw new IllegalStateException(
                "not a resource, prompt or completion method: " + method);
      };
    } finally {
      context.finish();
    }
  }

  private @Nullable JsonNode callTool(Session session, JsonRpcRequest request, MessageSink sink) {
    JsonNode params = request.params();
    ToolCallParams call = ToolCallParams.of(tools, params);
    Tool tool = call.tool();
    JsonNode arguments = call.arguments();
    JsonNode meta = params.get("_meta");
    JsonNode token = meta == null ? null : meta.get("progressToken");
    if (token != null && !token.isString() && !token.isIntegralNumber()) {
      token = null;
    }
    ToolCallContext context =
        new ToolCallContext(
            session,
            request.id(),
            token,
            sink,
            config.serverInfo().name(),
            Thread.currentThread(),
            pending,
            tool.invocationType().isNonBlocking());
    InFlightKey key = new InFlightKey(session.id(), request.id());
    inFlight.put(key, context);
    ToolResult result;
    try {
      result = ToolInvocation.run(tool, arguments, context);
    } finally {
      inFlight.remove(key, context);
    }
    if (context.finish()) {
      LOG.debug("tool call {} was cancelled; no response", request.id());
      return null;
    }
    return McpResults.toolResult(result);
  }

  private static JsonNode setLevel(Session session, @Nullable JsonNode params) {
    JsonNode level = params == null ? null : params.get("level");
    LogLevel parsed =
        level != null && level.isString()
            ? LogLevel.fromWireName(level.stringValue()).orElse(null)
            : null;
    if (parsed == null) {
      throw new ProtocolError(JsonRpcError.INVALID_PARAMS, "Invalid params: unknown log level");
    }
    session.putAttribute(LogLevels.KEY, parsed);
    return JacksonJsonRpcCodec.NODES.objectNode();
  }

  private static JsonRpcMessage errorResponse(RequestId id, int code, String message) {
    return new JsonRpcErrorResponse(id, JsonRpcError.of(code, message));
  }

  private static Outcome rejected(Rejection reason, String message) {
    int code =
        reason == Rejection.UNAVAILABLE
            ? JsonRpcError.INTERNAL_ERROR
            : JsonRpcError.INVALID_REQUEST;
    return new Outcome.Rejected(reason, JsonRpcError.of(code, message));
  }

  private static Outcome missingSession() {
    return rejected(Rejection.MISSING_SESSION, "Bad Request: Mcp-Session-Id header is required");
  }

  private static Outcome unknownSession() {
    return rejected(Rejection.UNKNOWN_SESSION, "Session not found");
  }
}
