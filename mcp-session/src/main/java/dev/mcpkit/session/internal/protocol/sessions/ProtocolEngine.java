package dev.mcpkit.session.internal.protocol.sessions;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.ClientInfo;
import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.InvocationType;
import dev.mcpkit.api.McpMethod;
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
import dev.mcpkit.api.server.DynamicMethods;
import dev.mcpkit.api.server.LogLevel;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.RateLimited;
import dev.mcpkit.api.server.ServerNotifications;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolFailureMessages;
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
import dev.mcpkit.codec.JsonRpcCodecs;
import dev.mcpkit.session.internal.EngineSession;
import dev.mcpkit.session.internal.protocol.ArgumentSchemas;
import dev.mcpkit.session.internal.protocol.CompletionMethods;
import dev.mcpkit.session.internal.protocol.EngineSettings;
import dev.mcpkit.session.internal.protocol.HandlerContext;
import dev.mcpkit.session.internal.protocol.LogLevels;
import dev.mcpkit.session.internal.protocol.McpResults;
import dev.mcpkit.session.internal.protocol.ObservedOperations;
import dev.mcpkit.session.internal.protocol.PromptMethods;
import dev.mcpkit.session.internal.protocol.ProtocolError;
import dev.mcpkit.session.internal.protocol.RequestMeta;
import dev.mcpkit.session.internal.protocol.ResourceMethods;
import dev.mcpkit.session.internal.protocol.ScopeChecks;
import dev.mcpkit.session.internal.protocol.ScopedListing;
import dev.mcpkit.session.internal.protocol.ServedGenerations;
import dev.mcpkit.session.internal.protocol.ServingTypes;
import dev.mcpkit.session.internal.protocol.Subscriptions;
import dev.mcpkit.session.internal.protocol.ToolCallContext;
import dev.mcpkit.session.internal.protocol.ToolCallParams;
import dev.mcpkit.session.internal.protocol.ToolInvocation;
import dev.mcpkit.session.internal.protocol.stateless.ListenStreams;
import dev.mcpkit.session.internal.protocol.stateless.RequestStates;
import dev.mcpkit.session.internal.protocol.stateless.StatelessRequests;
import dev.mcpkit.session.internal.skills.SkillCatalog;
import java.security.Principal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
 * client (answered by the client's POSTed responses), on top of a {@link SessionManager}. Both
 * generations check the required scopes of what a request names before its handler runs ({@link
 * ScopeChecks}) and list only what the request's principal may use.
 *
 * <p>Thread-safe. Requests run on the caller's thread; the only shared mutable state is the table
 * of calls in flight (a {@link ConcurrentHashMap}), which {@code notifications/cancelled} consults,
 * the table of requests to clients waiting for answers, and the resource subscriptions with their
 * outbound channel ({@link Subscriptions}, thread-safe itself).
 */
public final class ProtocolEngine implements TransportEngine {
  private static final Logger LOG = LoggerFactory.getLogger(ProtocolEngine.class);

  /**
   * How often a quiet {@code subscriptions/listen} stream checks that its client is still there.
   */
  private static final java.time.Duration LISTEN_KEEP_ALIVE = java.time.Duration.ofMillis(500);

  private final McpServerConfig config;
  private final ToolFailureMessages toolFailures;
  private final SessionManager sessions;
  private final Map<String, Tool> tools;
  private final ArgumentSchemas argumentSchemas;
  private final ScopedListing toolsList;

  /**
   * The {@code initialize} result of each protocol version, built once: it depends only on the
   * configuration and the version. Every {@code initialize} answers with the same node, so it is
   * shared, and it is safe to share because nothing writes into a result after the engine returns
   * it: the codec only reads it, writing it into each response it encodes ({@code JsonRpcWriter}),
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
  private final ScopeChecks scopes;
  private final EventStore events;
  private final ObservedOperations observed;
  private final ListenStreams listen;
  private final StatelessRequests stateless;

  /** The Skills extension's methods ({@code skills/list}, {@code skills/get}, directory reads). */
  private final SkillCatalog skills;

  /** Serves the catalogue methods at run time, or {@code null} to serve them from the config. */
  private final @Nullable DynamicMethods dynamic;

  /** The protocol generations served; requests of another are refused with {@code -32022}. */
  private final ServedGenerations served;

  /**
   * Creates an engine.
   *
   * @param settings what it is built from, validated
   */
  public ProtocolEngine(EngineSettings settings) {
    this(settings, null);
  }

  /**
   * Creates an engine whose catalogue methods are served at run time.
   *
   * @param settings what it is built from, validated
   * @param dynamic serves {@link DynamicMethods#METHODS} per session, or {@code null} to serve them
   *     from the configuration
   */
  public ProtocolEngine(EngineSettings settings, @Nullable DynamicMethods dynamic) {
    this(settings, dynamic, dev.mcpkit.session.TaskStores.inMemory());
  }

  /**
   * Creates an engine that keeps its tasks in {@code taskStore}.
   *
   * @param settings what it is built from, validated
   * @param dynamic serves {@link DynamicMethods#METHODS} per session, or {@code null}
   * @param taskStore keeps the tasks of calls made as tasks (revision 2026-07-28)
   */
  public ProtocolEngine(
      EngineSettings settings,
      @Nullable DynamicMethods dynamic,
      dev.mcpkit.api.spi.TaskStore taskStore) {
    this(settings, dynamic, taskStore, ServedGenerations.BOTH);
  }

  /**
   * Creates an engine that serves only some protocol generations.
   *
   * @param settings what it is built from, validated
   * @param dynamic serves {@link DynamicMethods#METHODS} per session, or {@code null}
   * @param taskStore keeps the tasks of calls made as tasks (revision 2026-07-28)
   * @param served the generations served; a request of another is refused with {@code -32022}
   */
  public ProtocolEngine(
      EngineSettings settings,
      @Nullable DynamicMethods dynamic,
      dev.mcpkit.api.spi.TaskStore taskStore,
      ServedGenerations served) {
    this.dynamic = dynamic;
    this.served = requireNonNull(served, "served");
    // Skills are validated here, so that an invalid one stops the server at start; their files
    // become resources of the configuration served.
    SkillCatalog skills = SkillCatalog.of(settings.config().skills());
    this.skills = skills;
    McpServerConfig config = skills.serving(settings.config());
    SessionManager sessions = settings.sessions();
    this.observed = new ObservedOperations(settings.observer(), config);
    this.events = settings.events();
    this.config = config;
    this.toolFailures = settings.toolFailureMessages();
    this.sessions = sessions;
    Map<String, Tool> byName = new HashMap<>();
    for (Tool tool : config.tools()) {
      byName.put(tool.name(), tool);
    }
    this.tools = Map.copyOf(byName);
    this.argumentSchemas = ArgumentSchemas.compile(config.tools());
    this.toolsList = McpResults.toolsList(config);
    EnumMap<ProtocolVersion, ObjectNode> initializeResults = new EnumMap<>(ProtocolVersion.class);
    for (ProtocolVersion version : ProtocolVersion.values()) {
      ObjectNode initializeResult = McpResults.initializeResult(config, version);
      skills.declare(initializeResult.withObjectProperty("capabilities"));
      initializeResults.put(version, initializeResult);
    }
    this.initializeResults = initializeResults;
    this.subscriptions = new Subscriptions(sessions);
    this.resourceMethods = new ResourceMethods(config, subscriptions);
    this.promptMethods = new PromptMethods(config);
    this.completionMethods = new CompletionMethods(promptMethods, resourceMethods);
    this.scopes = new ScopeChecks(config, tools, resourceMethods, promptMethods);
    this.listen = new ListenStreams(subscriptions, LISTEN_KEEP_ALIVE);
    byte[] key = settings.requestStateKey();
    this.stateless =
        new StatelessRequests(
            config,
            tools,
            argumentSchemas,
            toolsList,
            resourceMethods,
            promptMethods,
            completionMethods,
            scopes,
            listen,
            skills,
            new RequestStates(
                key == null ? RequestStates.randomKey() : key,
                settings.requestStateLifetime(),
                java.time.InstantSource.system(),
                settings.requestStateHandles()),
            observed,
            settings.toolFailureMessages(),
            new dev.mcpkit.session.internal.tasks.TaskEngine(
                taskStore,
                dev.mcpkit.session.internal.tasks.TaskEngine.DEFAULT_TTL,
                java.time.InstantSource.system(),
                settings.toolFailureMessages(),
                settings.observer(),
                listen::taskChanged),
            served.wireNames(),
            dynamic);
  }

  @Override
  public JsonRpcCodec codec() {
    return JsonRpcCodecs.standard();
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
    if (dynamic != null) {
      dynamic.attach(outbound);
    }
  }

  @Override
  public Outcome post(IncomingMessages incoming, MessageSink sink) {
    requireNonNull(incoming, "incoming");
    requireNonNull(sink, "sink");
    if (StatelessRequests.selects(incoming)) {
      // Revision 2026-07-28 and unknown versions: chosen per request, served without a session.
      return served.sessionless() ? stateless.post(incoming, sink) : unserved(incoming);
    }
    if (!served.sessions()) {
      return unserved(incoming);
    }
    String header = incoming.protocolVersion();
    if (header != null && ProtocolVersion.fromWireName(header).isEmpty()) {
      return rejected(
          Rejection.INVALID_MESSAGE, "Bad Request: unsupported MCP-Protocol-Version " + header);
    }
    List<JsonRpcMessage> messages = incoming.messages();
    JsonRpcRequest initialize = initializeIn(messages);
    if (initialize != null) {
      if (incoming.sessionId() != null) {
        return initializeNamingASession(initialize);
      }
      if (messages.size() > 1 || incoming.batch()) {
        return rejected(
            Rejection.INVALID_MESSAGE,
            "Invalid Request: initialize must be sent alone, not in a batch");
      }
      McpServerObserver.@Nullable Operation operation =
          observed.start(initialize, requestedVersion(initialize), sink);
      Outcome outcome = initialize(initialize, incoming.principal(), incoming.clientAddress());
      ObservedOperations.end(operation, outcome);
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
      Principal principal = incoming.principal();
      for (JsonRpcMessage message : messages) {
        switch (message) {
          case JsonRpcRequest request -> {
            sawRequest = true;
            Set<String> lacking = scopes.lacking(request, principal);
            if (lacking != null && !incoming.batch() && messages.size() == 1) {
              // The request is the whole exchange and nothing was sent yet: refuse it over HTTP
              // (403 and the challenge), so that the client can step up its authorization.
              return refuseForScopes(session, request, lacking, sink);
            }
            RateLimited limited = lacking == null ? admit(session, request, principal) : null;
            if (limited != null && !incoming.batch() && messages.size() == 1) {
              // As for scopes: the whole exchange, nothing sent yet, so 429 with Retry-After.
              return refuseForRate(session, request, limited, sink);
            }
            JsonRpcMessage response =
                lacking != null
                    ? refuseInBatch(session, request, ScopeChecks.error(lacking), sink)
                    : limited != null
                        ? refuseInBatch(session, request, limited.error(), sink)
                        : answer(session, request, principal, sink);
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

  /** Only a dynamic catalogue of a session-based generation answers later ({@link #postLater}). */
  @Override
  public boolean mayAnswerLater() {
    return dynamic != null && served.sessions();
  }

  /**
   * One request, alone in its POST, of a session whose manager does no I/O, that the dynamic
   * catalogue {@linkplain DynamicMethods#answersLater answers later}: the checks of {@link #post}
   * for it (session, scopes, rate limit), then {@link DynamicMethods#handleLater}, registered in
   * flight so that {@code notifications/cancelled} cancels it. Anything else: {@code null}, with
   * nothing done, and {@link #post} serves it. The session counts the request as in flight until
   * the stage completes ({@link EngineSession#exit} runs exactly once: here if the request never
   * started, else in the completion).
   */
  @Override
  public @Nullable CompletionStage<Outcome> postLater(IncomingMessages incoming, MessageSink sink) {
    DynamicMethods catalogue = dynamic;
    List<JsonRpcMessage> messages = incoming.messages();
    if (catalogue == null
        || incoming.batch()
        || messages.size() != 1
        || !(messages.getFirst() instanceof JsonRpcRequest request)
        || !DynamicMethods.METHODS.contains(request.method())
        || McpMethod.LOGGING_SET_LEVEL.wireName().equals(request.method())
        || !served.sessions()
        || StatelessRequests.selects(incoming)
        || (incoming.protocolVersion() != null
            && ProtocolVersion.fromWireName(incoming.protocolVersion()).isEmpty())
        || !sessions.invocationType().isNonBlocking()
        || !catalogue.answersLater(request)) {
      return null;
    }
    Principal principal = incoming.principal();
    Session resolved = resolve(incoming.sessionId(), principal);
    if (resolved == null) {
      return CompletableFuture.completedFuture(
          incoming.sessionId() == null ? missingSession() : unknownSession());
    }
    EngineSession session = EngineSession.of(resolved);
    if (!session.tryEnter()) {
      return CompletableFuture.completedFuture(unknownSession());
    }
    boolean started = false;
    try {
      Set<String> lacking = scopes.lacking(request, principal);
      if (lacking != null) {
        return CompletableFuture.completedFuture(refuseForScopes(session, request, lacking, sink));
      }
      RateLimited limited = admit(session, request, principal);
      if (limited != null) {
        return CompletableFuture.completedFuture(refuseForRate(session, request, limited, sink));
      }
      McpServerObserver.@Nullable Operation operation =
          observed.start(request, session.protocolVersion(), sink);
      CompletionStage<@Nullable JsonRpcMessage> answer =
          callLater(catalogue, session, request, principal, sink);
      started = true;
      return answer.handle(
          (response, failure) -> {
            try {
              JsonRpcMessage sent =
                  failure == null ? response : DynamicCalls.response(request, null, failure);
              ObservedOperations.end(operation, sent);
              return new Outcome.Answered(sent == null ? List.of() : List.of(sent), false, null);
            } finally {
              session.exit();
            }
          });
    } finally {
      if (!started) {
        session.exit();
      }
    }
  }

  /**
   * {@link #callDynamic} for a request answered later: the response, or {@code null} when the
   * client cancelled it (no response). The context's cancellation cancels the catalogue's future.
   */
  private CompletionStage<@Nullable JsonRpcMessage> callLater(
      DynamicMethods catalogue,
      Session session,
      JsonRpcRequest request,
      @Nullable Principal principal,
      MessageSink sink) {
    ToolCallContext context =
        new ToolCallContext(
            request.id(),
            RequestMeta.progressTokenOf(request.params()),
            sink,
            config.serverInfo().name(),
            InvocationType.NON_BLOCKING,
            new SessionExchange(session, sink, pending, false),
            principal);
    InFlightKey key = new InFlightKey(session.id(), request.id());
    inFlight.put(key, context);
    CompletableFuture<ObjectNode> result =
        DynamicCalls.callLater(catalogue, request, session, context, sink);
    context.onCancel(() -> result.cancel(false));
    return result.handle(
        (value, failure) -> {
          inFlight.remove(key, context);
          if (context.finish()) {
            LOG.debug("request {} was cancelled; no response", request.id());
            return null;
          }
          return DynamicCalls.response(request, value, failure);
        });
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

  /**
   * The catalogue's serving type of a request the session-based revisions define ({@link
   * ProtocolVersion#latest()} is the newest of them and has every one this engine serves); anything
   * else is answered with an error, classified as blocking as the safe default.
   */
  private InvocationType invocationType(JsonRpcRequest request) {
    McpMethod method = McpMethod.of(request.method());
    if (dynamic != null && DynamicMethods.METHODS.contains(request.method())) {
      return InvocationType.BLOCKING; // the dynamic catalogue may do I/O
    }
    return method != null && method.isServerRequest() && method.existsIn(ProtocolVersion.latest())
        ? ServingTypes.of(method, request.params(), tools, InvocationType.NON_BLOCKING)
        : InvocationType.BLOCKING;
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

  /** The first {@code initialize} request among the messages, or {@code null}. */
  private static @Nullable JsonRpcRequest initializeIn(List<JsonRpcMessage> messages) {
    for (int i = 0, n = messages.size(); i < n; i++) {
      if (messages.get(i) instanceof JsonRpcRequest request
          && McpMethod.INITIALIZE.wireName().equals(request.method())) {
        return request;
      }
    }
    return null;
  }

  /**
   * Refuses an {@code initialize} that carries an {@code Mcp-Session-Id} header, whatever session
   * it names (live, unknown, expired or closed): 400 with {@code -32600} and the request's id; no
   * session is created and the named one is not looked up, so it is left exactly as it was.
   *
   * <p>The Streamable HTTP transport (MCP 2025-11-25, "Session Management") has the client send
   * {@code Mcp-Session-Id} "on all of their subsequent HTTP requests" after the server assigned
   * one, and, when a session is gone (404), "start a new session by sending a new {@code
   * InitializeRequest} without a session ID attached": a handshake never names a session. Serving
   * one as a fresh handshake would hand a second session to a client that believes it holds the
   * first. The TypeScript SDK's server refuses it the same way (400, {@code -32600}, "Server
   * already initialized"). Refusing unknown sessions as well keeps the rule one line and free of a
   * store lookup: a client that lost its session starts over without the header, as the
   * specification says.
   */
  private static Outcome initializeNamingASession(JsonRpcRequest initialize) {
    return new Outcome.Rejected(
        Rejection.INVALID_MESSAGE,
        JsonRpcError.of(
            JsonRpcError.INVALID_REQUEST,
            "Invalid Request: initialize must not name a session: the Mcp-Session-Id header is"
                + " set; start a new session without the header"),
        initialize.id());
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
    if (params == null || requested == null || !requested.isString()) {
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
      capabilities = JsonRpcCodecs.nodes().objectNode();
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
          // A SessionAdmissionException always has a message (a non-null constructor parameter).
          JsonRpcError.of(JsonRpcError.INTERNAL_ERROR, requireNonNull(e.getMessage())),
          request.id(),
          e.retryAfter());
    }
    // initializeResults holds a result for every version (see the constructor).
    ObjectNode result = requireNonNull(initializeResults.get(version));
    if (dynamic != null) {
      result = DynamicCalls.initializeResult(result, dynamic);
    }
    JsonRpcMessage response = new JsonRpcResponse(request.id(), result);
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
    McpMethod method = McpMethod.of(notification.method());
    if (method == null) {
      if (dynamic != null) {
        dynamic.onNotification(session, notification);
      } else {
        LOG.debug("ignoring notification {}", notification.method());
      }
      return;
    }
    switch (method) {
      case NOTIFICATIONS_INITIALIZED -> EngineSession.of(session).activate();
      case NOTIFICATIONS_CANCELLED -> {
        JsonNode params = notification.params();
        RequestId id = params == null ? null : requestId(params.get("requestId"));
        if (id != null) {
          ToolCallContext call = inFlight.get(new InFlightKey(session.id(), id));
          if (call != null) {
            call.cancel();
          }
        }
      }
      default -> {
        if (dynamic != null) {
          dynamic.onNotification(session, notification);
        } else {
          LOG.debug("ignoring notification {}", notification.method());
        }
      }
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
      Session session, JsonRpcRequest request, @Nullable Principal principal, MessageSink sink) {
    McpServerObserver.@Nullable Operation operation =
        observed.start(request, session.protocolVersion(), sink);
    JsonRpcMessage response = respond(session, request, principal, sink);
    ObservedOperations.end(operation, response);
    return response;
  }

  /** Refuses the one request of an exchange for its scopes, observed: 403 over HTTP. */
  private Outcome refuseForScopes(
      Session session, JsonRpcRequest request, Set<String> lacking, MessageSink sink) {
    McpServerObserver.@Nullable Operation operation =
        observed.start(request, session.protocolVersion(), sink);
    LOG.debug("request {} {} refused: insufficient scope", request.id(), request.method());
    Outcome refused = ScopeChecks.rejection(request, lacking);
    ObservedOperations.end(operation, refused);
    return refused;
  }

  /** What the dynamic catalogue's rate limits make of a request: {@code null} to run it. */
  private @Nullable RateLimited admit(
      Session session, JsonRpcRequest request, @Nullable Principal principal) {
    if (dynamic == null || !DynamicMethods.METHODS.contains(request.method())) {
      return null;
    }
    return dynamic.admit(session, request, principal);
  }

  /** Refuses the one request of an exchange for a rate limit, observed: 429 over HTTP. */
  private Outcome refuseForRate(
      Session session, JsonRpcRequest request, RateLimited limited, MessageSink sink) {
    McpServerObserver.@Nullable Operation operation =
        observed.start(request, session.protocolVersion(), sink);
    LOG.debug("request {} {} refused: rate limited", request.id(), request.method());
    Outcome refused =
        new Outcome.Rejected(
            Rejection.TOO_MANY_REQUESTS, limited.error(), request.id(), limited.retryAfter());
    ObservedOperations.end(operation, refused);
    return refused;
  }

  /**
   * Refuses a request of a JSON-RPC batch, observed: for its scopes ({@link ScopeChecks#error}) or
   * a rate limit; the batch's other requests are answered, so the refusal is this request's error
   * response.
   */
  private JsonRpcMessage refuseInBatch(
      Session session, JsonRpcRequest request, JsonRpcError error, MessageSink sink) {
    McpServerObserver.@Nullable Operation operation =
        observed.start(request, session.protocolVersion(), sink);
    JsonRpcMessage response = new JsonRpcErrorResponse(request.id(), error);
    ObservedOperations.end(operation, response);
    return response;
  }

  private static @Nullable ProtocolVersion requestedVersion(JsonRpcRequest request) {
    JsonNode params = request.params();
    JsonNode requested = params == null ? null : params.get("protocolVersion");
    return requested != null && requested.isString()
        ? ProtocolVersion.negotiate(requested.stringValue())
        : null;
  }

  /** Answers one request; {@code null} when it was cancelled and so gets no response. */
  private @Nullable JsonRpcMessage respond(
      Session session, JsonRpcRequest request, @Nullable Principal principal, MessageSink sink) {
    try {
      if (skills.serves(request.method())) {
        return new JsonRpcResponse(request.id(), skills.answer(request.method(), request.params()));
      }
      McpMethod method = McpMethod.of(request.method());
      if (method == null) {
        throw methodNotFound(request);
      }
      if (dynamic != null && DynamicMethods.METHODS.contains(request.method())) {
        if (method == McpMethod.LOGGING_SET_LEVEL) {
          setLevel(session, request.params());
        }
        JsonNode result = callDynamic(dynamic, session, request, principal, sink);
        return result == null ? null : new JsonRpcResponse(request.id(), result);
      }
      JsonNode result =
          switch (method) {
            case PING -> JsonRpcCodecs.nodes().objectNode();
            case TOOLS_LIST -> toolsList.render(principal);
            case TOOLS_CALL -> callTool(session, request, principal, sink);
            case LOGGING_SET_LEVEL -> setLevel(session, request.params());
            case RESOURCES_LIST,
                RESOURCES_TEMPLATES_LIST,
                RESOURCES_READ,
                RESOURCES_SUBSCRIBE,
                RESOURCES_UNSUBSCRIBE,
                PROMPTS_LIST,
                PROMPTS_GET,
                COMPLETION_COMPLETE ->
                offered(session, request, method, principal, sink);
            default -> throw methodNotFound(request);
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
  private JsonNode offered(
      Session session,
      JsonRpcRequest request,
      McpMethod method,
      @Nullable Principal principal,
      MessageSink sink) {
    boolean resources = ResourceMethods.offered(config);
    boolean prompts = !config.prompts().isEmpty();
    boolean available =
        switch (method.serverCapability()) {
          case RESOURCES -> resources;
          case PROMPTS -> prompts;
          case COMPLETIONS -> resources || prompts;
          case NONE, TOOLS, LOGGING ->
              throw new IllegalStateException(
                  "not a resource, prompt or completion method: " + method);
        };
    if (!available) {
      throw methodNotFound(request);
    }
    HandlerContext context =
        new HandlerContext(
            request.id(),
            sink,
            config.serverInfo().name(),
            new SessionExchange(session, sink, pending, false),
            principal);
    try {
      return switch (method) {
        case RESOURCES_LIST -> resourceMethods.list(principal);
        case RESOURCES_TEMPLATES_LIST -> resourceMethods.templatesList(principal);
        case RESOURCES_READ -> resourceMethods.read(context, request.params());
        case RESOURCES_SUBSCRIBE -> resourceMethods.subscribe(session, request.params());
        case RESOURCES_UNSUBSCRIBE -> resourceMethods.unsubscribe(session, request.params());
        case PROMPTS_LIST -> promptMethods.list(principal);
        case PROMPTS_GET -> promptMethods.get(context, request.params());
        case COMPLETION_COMPLETE -> completionMethods.complete(context, request.params());
        default ->
            throw new IllegalStateException(
                "not a resource, prompt or completion method: " + method);
      };
    } finally {
      context.finish();
    }
  }

  /**
   * Hands a request to the dynamic catalogue, registered in flight so that the client's {@code
   * notifications/cancelled} interrupts it; {@code null} when cancelled (no response).
   */
  private @Nullable JsonNode callDynamic(
      DynamicMethods dynamic,
      Session session,
      JsonRpcRequest request,
      @Nullable Principal principal,
      MessageSink sink) {
    ToolCallContext context =
        new ToolCallContext(
            request.id(),
            RequestMeta.progressTokenOf(request.params()),
            sink,
            config.serverInfo().name(),
            InvocationType.BLOCKING,
            new SessionExchange(session, sink, pending, false),
            principal);
    InFlightKey key = new InFlightKey(session.id(), request.id());
    inFlight.put(key, context);
    JsonNode result;
    try {
      result = DynamicCalls.call(dynamic, request, session, context, sink);
    } finally {
      inFlight.remove(key, context);
    }
    if (context.finish()) {
      LOG.debug("request {} was cancelled; no response", request.id());
      return null;
    }
    return result;
  }

  private @Nullable JsonNode callTool(
      Session session, JsonRpcRequest request, @Nullable Principal principal, MessageSink sink) {
    JsonNode params = request.params();
    ToolCallParams call = ToolCallParams.of(tools, params);
    Tool tool = call.tool();
    JsonNode arguments = call.arguments();
    ToolCallContext context =
        new ToolCallContext(
            request.id(),
            RequestMeta.progressTokenOf(params),
            sink,
            config.serverInfo().name(),
            tool.invocationType(),
            new SessionExchange(session, sink, pending, tool.invocationType().isNonBlocking()),
            principal);
    InFlightKey key = new InFlightKey(session.id(), request.id());
    inFlight.put(key, context);
    ToolResult result;
    try {
      result = ToolInvocation.run(tool, argumentSchemas, arguments, context, toolFailures);
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
    return JsonRpcCodecs.nodes().objectNode();
  }

  private static ProtocolError methodNotFound(JsonRpcRequest request) {
    return new ProtocolError(
        JsonRpcError.METHOD_NOT_FOUND, "Method not found: " + request.method());
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

  /**
   * A request of a generation this engine does not serve: {@code UnsupportedProtocolVersion} (400)
   * naming the version it asked for (the header's, {@code initialize}'s, or the one assumed without
   * a header) and listing the versions served.
   */
  private Outcome unserved(IncomingMessages incoming) {
    List<JsonRpcMessage> messages = incoming.messages();
    JsonRpcRequest request =
        messages.size() == 1 && messages.getFirst() instanceof JsonRpcRequest r ? r : null;
    String requested = incoming.protocolVersion();
    if (request != null && requested == null) {
      JsonNode params = request.params();
      JsonNode asked = params == null ? null : params.get("protocolVersion");
      String declared = RequestMeta.versionOf(params);
      requested =
          declared != null
              ? declared
              : asked != null && asked.isString()
                  ? asked.stringValue()
                  : ProtocolVersion.assumedWhenAbsent().wireName();
    }
    if (requested == null) {
      requested = ProtocolVersion.assumedWhenAbsent().wireName();
    }
    return new Outcome.Rejected(
        Rejection.INVALID_MESSAGE,
        served.unsupported(requested),
        request == null ? null : request.id());
  }

  private static Outcome missingSession() {
    return rejected(Rejection.MISSING_SESSION, "Bad Request: Mcp-Session-Id header is required");
  }

  private static Outcome unknownSession() {
    return rejected(Rejection.UNKNOWN_SESSION, "Session not found");
  }
}
