package dev.mcpkit.session.internal.protocol.stateless;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.InvocationType;
import dev.mcpkit.api.McpMethod;
import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcErrorResponse;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.jsonrpc.JsonRpcResponse;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.TaskSupport;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolFailureMessages;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.api.spi.McpServerObserver;
import dev.mcpkit.api.spi.transport.IncomingMessages;
import dev.mcpkit.api.spi.transport.MessageSink;
import dev.mcpkit.api.spi.transport.Outcome;
import dev.mcpkit.api.spi.transport.Rejection;
import dev.mcpkit.codec.JsonRpcCodecs;
import dev.mcpkit.codec.McpParamHeaders;
import dev.mcpkit.session.internal.protocol.ArgumentSchemas;
import dev.mcpkit.session.internal.protocol.CompletionMethods;
import dev.mcpkit.session.internal.protocol.HandlerContext;
import dev.mcpkit.session.internal.protocol.HeaderChecks;
import dev.mcpkit.session.internal.protocol.InputRounds;
import dev.mcpkit.session.internal.protocol.McpResults;
import dev.mcpkit.session.internal.protocol.ObservedOperations;
import dev.mcpkit.session.internal.protocol.PromptMethods;
import dev.mcpkit.session.internal.protocol.ProtocolError;
import dev.mcpkit.session.internal.protocol.RequestMeta;
import dev.mcpkit.session.internal.protocol.ResourceMethods;
import dev.mcpkit.session.internal.protocol.ScopeChecks;
import dev.mcpkit.session.internal.protocol.ScopedListing;
import dev.mcpkit.session.internal.protocol.ServingTypes;
import dev.mcpkit.session.internal.protocol.StatelessErrors;
import dev.mcpkit.session.internal.protocol.ToolCallContext;
import dev.mcpkit.session.internal.protocol.ToolCallParams;
import dev.mcpkit.session.internal.protocol.ToolInvocation;
import dev.mcpkit.session.internal.protocol.sessions.ProtocolEngine;
import dev.mcpkit.session.internal.skills.SkillCatalog;
import dev.mcpkit.session.internal.tasks.TaskEngine;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves the requests of revision 2026-07-28, statelessly: no session is looked up or created; each
 * request is checked on its own (header/body agreement, protocol version, {@code _meta}) and
 * answered from the server's definition. Results carry {@code resultType}, the server's identity in
 * {@code _meta} and, where cacheable, {@code ttlMs}/{@code cacheScope}. Tools, prompts and
 * resources that need input from the client answer {@code input_required} and are run again when
 * the client retries with {@code inputResponses} and the signed {@code requestState} ({@link
 * InputRounds}, {@link RequestStates}).
 *
 * <p>Statuses (Streamable HTTP of 2026-07-28): a request that fails a check is refused with 400 and
 * {@code -32020} (header mismatch), {@code -32022} (unsupported version), {@code -32602} (malformed
 * {@code _meta}) or {@code -32021} (missing client capability); a method this server does not
 * implement, the removed ones included ({@code initialize}, {@code ping}, {@code logging/setLevel},
 * {@code resources/subscribe}), is refused with 404 and {@code -32601}; a request for a tool,
 * resource, template or prompt whose required scopes its principal lacks is refused with 403
 * ({@link ScopeChecks}). Every refusal echoes the request's id.
 *
 * <p>Thread-safe and without per-request shared state, except the open listen streams.
 */
public final class StatelessRequests {
  private static final Logger LOG = LoggerFactory.getLogger(StatelessRequests.class);

  private final McpServerConfig config;
  private final Map<String, Tool> tools;
  private final ArgumentSchemas argumentSchemas;
  private final Map<String, List<McpParamHeaders.Mirrored>> mirrored;
  private final ScopedListing toolsList;
  private final ResourceMethods resourceMethods;
  private final PromptMethods promptMethods;
  private final CompletionMethods completionMethods;
  private final ScopeChecks scopes;
  private final ListenStreams listen;
  private final SkillCatalog skills;
  private final RequestStates states;
  private final Revision2026Results results;
  private final ObservedOperations observed;
  private final TaskEngine tasks;
  private final boolean resources;
  private final boolean prompts;
  private final ToolFailureMessages toolFailures;
  private final @Nullable DynamicStatelessCalls dynamic;

  /** The versions served, newest first: what discover and {@code -32022} list. */
  private final List<String> servedVersions;

  public StatelessRequests(
      McpServerConfig config,
      Map<String, Tool> tools,
      ArgumentSchemas argumentSchemas,
      ScopedListing toolsList,
      ResourceMethods resourceMethods,
      PromptMethods promptMethods,
      CompletionMethods completionMethods,
      ScopeChecks scopes,
      ListenStreams listen,
      SkillCatalog skills,
      RequestStates states,
      ObservedOperations observed,
      ToolFailureMessages toolFailures,
      TaskEngine tasks,
      List<String> servedVersions,
      dev.mcpkit.api.server.@Nullable DynamicMethods dynamic) {
    this.servedVersions = List.copyOf(servedVersions);
    this.config = requireNonNull(config, "config");
    this.tools = requireNonNull(tools, "tools");
    this.toolsList = requireNonNull(toolsList, "toolsList");
    this.argumentSchemas = requireNonNull(argumentSchemas, "argumentSchemas");
    this.resourceMethods = requireNonNull(resourceMethods, "resourceMethods");
    this.promptMethods = requireNonNull(promptMethods, "promptMethods");
    this.completionMethods = requireNonNull(completionMethods, "completionMethods");
    this.scopes = requireNonNull(scopes, "scopes");
    this.listen = requireNonNull(listen, "listen");
    this.skills = requireNonNull(skills, "skills");
    this.states = requireNonNull(states, "states");
    this.observed = requireNonNull(observed, "observed");
    this.toolFailures = requireNonNull(toolFailures, "toolFailures");
    this.tasks = requireNonNull(tasks, "tasks");
    this.results = new Revision2026Results(config.serverInfo());
    this.dynamic =
        dynamic == null || !dynamic.servesSessionless()
            ? null
            : new DynamicStatelessCalls(dynamic, states, results, config.serverInfo().name());
    java.util.HashMap<String, List<McpParamHeaders.Mirrored>> byTool = new java.util.HashMap<>();
    for (Tool tool : config.tools()) {
      List<McpParamHeaders.Mirrored> params = HeaderChecks.mirroredParams(tool);
      if (!params.isEmpty()) {
        byTool.put(tool.name(), params);
      }
    }
    this.mirrored = Map.copyOf(byTool);
    this.resources = ResourceMethods.offered(config);
    this.prompts = !config.prompts().isEmpty();
  }

  /**
   * Tells whether a POST is for this revision: its {@code MCP-Protocol-Version} header names a
   * sessionless revision, or names a version this server does not know while its body declares a
   * version in {@code _meta} (answered {@code -32022} here), or it has no header and no session but
   * its body declares a version in {@code _meta} (answered {@code -32020}: the header is required).
   * Everything else keeps its session semantics.
   */
  public static boolean selects(IncomingMessages incoming) {
    String header = incoming.protocolVersion();
    if (header != null) {
      Optional<ProtocolVersion> known = ProtocolVersion.fromWireName(header);
      if (known.isPresent()) {
        return known.get().sessionless();
      }
      // An unknown version: a modern request (one that declares its version in _meta) learns the
      // versions served; anything else keeps the session-based revisions' plain 400.
      return declaresVersion(incoming);
    }
    return incoming.sessionId() == null && declaresVersion(incoming);
  }

  private static boolean declaresVersion(IncomingMessages incoming) {
    return incoming.messages().size() == 1
        && incoming.messages().getFirst() instanceof JsonRpcRequest request
        && RequestMeta.versionOf(request.params()) != null;
  }

  /**
   * Whether serving these messages may block: see {@link ProtocolEngine#invocationType}. Refusals
   * (a batch, a response, an unknown method) and notifications do not; of the requests, {@code
   * server/discover}, the lists (built from the configuration) and {@code tools/call} of an unknown
   * tool or of one declared non-blocking, when {@code requestState} handles (if kept) do not block;
   * everything else (resources, prompts and completion run the application's handlers; {@code
   * subscriptions/listen} holds its request open) may.
   */
  public InvocationType invocationType(IncomingMessages incoming) {
    if (incoming.batch()
        || incoming.messages().size() != 1
        || !(incoming.messages().getFirst() instanceof JsonRpcRequest request)) {
      return InvocationType.NON_BLOCKING;
    }
    if (TaskEngine.serves(request.method())) {
      // The task store may be remote, and a cancellation takes the running task's lock.
      return InvocationType.BLOCKING;
    }
    McpMethod method = implemented(request.method());
    if (method != null && dynamic != null && DynamicStatelessCalls.serves(method)) {
      return DynamicStatelessCalls.invocationType();
    }
    return method == null
        ? InvocationType.NON_BLOCKING
        : ServingTypes.of(method, request.params(), tools, states.invocationType());
  }

  public Outcome post(IncomingMessages incoming, MessageSink sink) {
    if (incoming.batch() || incoming.messages().size() != 1) {
      return refuse(
          Rejection.INVALID_MESSAGE,
          JsonRpcError.of(
              JsonRpcError.INVALID_REQUEST, "Invalid Request: one JSON-RPC message per POST"),
          null);
    }
    JsonRpcMessage message = incoming.messages().getFirst();
    return switch (message) {
      case JsonRpcRequest request -> request(incoming, request, sink);
      // No client notification is defined for Streamable HTTP in this revision; accepted and
      // ignored.
      case JsonRpcNotification notification -> new Outcome.Accepted();
      case JsonRpcResponse response ->
          refuse(
              Rejection.INVALID_MESSAGE,
              JsonRpcError.of(
                  JsonRpcError.INVALID_REQUEST,
                  "Invalid Request: clients send no responses in protocol version 2026-07-28"),
              null);
      case JsonRpcErrorResponse error ->
          refuse(
              Rejection.INVALID_MESSAGE,
              JsonRpcError.of(
                  JsonRpcError.INVALID_REQUEST,
                  "Invalid Request: clients send no responses in protocol version 2026-07-28"),
              null);
    };
  }

  private Outcome request(IncomingMessages incoming, JsonRpcRequest request, MessageSink sink) {
    McpServerObserver.@Nullable Operation operation =
        observed.start(request, ProtocolVersion.V2026_07_28, sink);
    Outcome outcome = serve(incoming, request, sink);
    ObservedOperations.end(operation, outcome);
    return outcome;
  }

  private Outcome serve(IncomingMessages incoming, JsonRpcRequest request, MessageSink sink) {
    JsonNode params = request.params();
    RequestMeta meta;
    try {
      checkVersion(incoming.protocolVersion(), params);
      meta = RequestMeta.parse(params);
      HeaderChecks.checkStandard(incoming.headers(), request.method(), params);
    } catch (ProtocolError e) {
      LOG.debug("refusing request {} {}: {}", request.id(), request.method(), e.getMessage());
      return refuse(Rejection.INVALID_MESSAGE, e.error(), request);
    }
    if (TaskEngine.serves(request.method()) && !config.tools().isEmpty()) {
      return taskRequest(request, meta, incoming.principal());
    }
    if (skills.serves(request.method())) {
      try {
        return answered(
            new JsonRpcResponse(
                request.id(),
                results.finish(
                    skills.answer(request.method(), params), Revision2026Results.Cache.STATIC)));
      } catch (ProtocolError e) {
        return answered(new JsonRpcErrorResponse(request.id(), e.error()));
      }
    }
    McpMethod method = implemented(request.method());
    if (method == null) {
      return refuse(
          Rejection.METHOD_NOT_FOUND,
          JsonRpcError.of(JsonRpcError.METHOD_NOT_FOUND, "Method not found: " + request.method()),
          request);
    }
    Principal principal = incoming.principal();
    Set<String> lacking = scopes.lacking(request, principal);
    if (lacking != null) {
      // One request per POST, checked before its handler runs: refused over HTTP (403 and the
      // challenge), so that the client can step up its authorization.
      LOG.debug("refusing request {} {}: insufficient scope", request.id(), request.method());
      return ScopeChecks.rejection(request, lacking);
    }
    DynamicStatelessCalls dynamicCalls = dynamic;
    DynamicStatelessCalls serving =
        dynamicCalls != null && DynamicStatelessCalls.serves(method) ? dynamicCalls : null;
    if (serving != null) {
      Outcome limited = serving.admit(request, principal);
      if (limited != null) {
        LOG.debug("request {} {} refused: rate limited", request.id(), request.method());
        return limited;
      }
    }
    try {
      JsonNode result =
          serving != null
              ? serving.call(incoming, request, method, meta, sink)
              : switch (method) {
                case SERVER_DISCOVER -> {
                  ObjectNode discover =
                      dynamicCalls == null
                          ? results.discover(config, servedVersions)
                          : dynamicCalls.discover(results.discover(config, servedVersions));
                  skills.declare(discover.withObjectProperty("capabilities"));
                  yield results.finish(discover, Revision2026Results.Cache.STATIC);
                }
                case TOOLS_LIST ->
                    results.finish(toolsList.render(principal), listCache(toolsList.perCaller()));
                case TOOLS_CALL -> callTool(incoming, request, meta, sink);
                case RESOURCES_LIST ->
                    results.finish(
                        resourceMethods.list(principal), Revision2026Results.Cache.VOLATILE);
                case RESOURCES_TEMPLATES_LIST ->
                    results.finish(
                        resourceMethods.templatesList(principal),
                        listCache(resourceMethods.templatesListPerCaller()));
                case PROMPTS_LIST ->
                    results.finish(
                        promptMethods.list(principal), listCache(promptMethods.listPerCaller()));
                case RESOURCES_READ, PROMPTS_GET ->
                    withInput(incoming, request, method, meta, sink);
                case COMPLETION_COMPLETE -> {
                  HandlerContext context =
                      new HandlerContext(
                          request.id(),
                          sink,
                          config.serverInfo().name(),
                          new RoundTripExchange(meta, null),
                          principal);
                  try {
                    yield results.finish(
                        (ObjectNode) completionMethods.complete(context, params),
                        Revision2026Results.Cache.NONE);
                  } finally {
                    context.finish();
                  }
                }
                case SUBSCRIPTIONS_LISTEN -> {
                  listen.serve(
                      request,
                      ListenStreams.Filter.of(
                          params,
                          prompts || (dynamicCalls != null && dynamicCalls.declares("prompts")),
                          resources
                              || (dynamicCalls != null && dynamicCalls.declares("resources"))),
                      followedTasks(params, meta, principal),
                      sink);
                  // The stream ended: the server tears it down gracefully (stopping), so it answers
                  // the SubscriptionsListenResult; if the client went away instead, nobody reads
                  // it.
                  ObjectNode closed = JsonRpcCodecs.nodes().objectNode();
                  closed.putObject("_meta").set(RequestMeta.SUBSCRIPTION_ID, idOf(request));
                  yield results.finish(closed, Revision2026Results.Cache.NONE);
                }
                default ->
                    throw new IllegalStateException(
                        "implemented() and this switch disagree on " + request.method());
              };
      return new Outcome.Answered(
          result == null ? List.of() : List.of(new JsonRpcResponse(request.id(), result)),
          false,
          null);
    } catch (CapabilityMissing e) {
      return refuse(Rejection.INVALID_MESSAGE, e.error, request);
    } catch (ProtocolError e) {
      LOG.debug("request {} {} failed: {}", request.id(), request.method(), e.getMessage());
      if (e.error().code() == StatelessErrors.HEADER_MISMATCH) {
        return refuse(Rejection.INVALID_MESSAGE, e.error(), request);
      }
      return answered(new JsonRpcErrorResponse(request.id(), revise(e.error())));
    } catch (RuntimeException e) {
      LOG.debug("request {} {} failed", request.id(), request.method(), e);
      return answered(
          new JsonRpcErrorResponse(
              request.id(), JsonRpcError.of(JsonRpcError.INTERNAL_ERROR, "Internal error")));
    }
  }

  /**
   * The current records of the tasks a {@code subscriptions/listen} asks to follow ({@code
   * notifications.taskIds}), among those the caller may see; unknown ones are left out (and so out
   * of the acknowledgement).
   *
   * @throws CapabilityMissing {@code -32021} if it names tasks without declaring the extension
   */
  private List<dev.mcpkit.api.spi.TaskRecord> followedTasks(
      @Nullable JsonNode params, RequestMeta meta, @Nullable Principal principal) {
    JsonNode ids = params == null ? null : params.path("notifications").get("taskIds");
    if (ids == null || !ids.isArray() || ids.isEmpty()) {
      return List.of();
    }
    if (!TaskEngine.negotiated(meta)) {
      throw new CapabilityMissing(TaskEngine.missingExtension("task status notifications"));
    }
    if (config.tools().isEmpty()) {
      return List.of(); // no tool, no task
    }
    java.util.LinkedHashMap<String, dev.mcpkit.api.spi.TaskRecord> found =
        new java.util.LinkedHashMap<>();
    for (JsonNode id : ids) {
      if (id.isString() && !found.containsKey(id.stringValue())) {
        tasks.visible(id.stringValue(), principal).ifPresent(t -> found.put(t.taskId(), t));
      }
    }
    return List.copyOf(found.values());
  }

  /** {@code tasks/get}, {@code tasks/update}, {@code tasks/cancel}: only with the extension. */
  private Outcome taskRequest(
      JsonRpcRequest request, RequestMeta meta, @Nullable Principal principal) {
    if (!TaskEngine.negotiated(meta)) {
      return refuse(
          Rejection.INVALID_MESSAGE, TaskEngine.missingExtension(request.method()), request);
    }
    try {
      return answered(
          new JsonRpcResponse(
              request.id(),
              results.finish(
                  tasks.serve(request.method(), request.params(), principal),
                  Revision2026Results.Cache.NONE)));
    } catch (ProtocolError e) {
      LOG.debug("request {} {} failed: {}", request.id(), request.method(), e.getMessage());
      return answered(new JsonRpcErrorResponse(request.id(), e.error()));
    }
  }

  /**
   * A list fixed at build time is cacheable for everyone, unless what it shows depends on the
   * caller's scopes: then only for this caller.
   */
  private static Revision2026Results.Cache listCache(boolean perCaller) {
    return perCaller ? Revision2026Results.Cache.STATIC_PRIVATE : Revision2026Results.Cache.STATIC;
  }

  /** The header and {@code _meta} must agree, and name a version served here. */
  private void checkVersion(@Nullable String header, @Nullable JsonNode params) {
    String declared = RequestMeta.versionOf(params);
    if (header == null) {
      throw new ProtocolError(
          StatelessErrors.headerMismatch("the MCP-Protocol-Version header is required"));
    }
    if (declared != null && !declared.equals(header)) {
      throw new ProtocolError(
          StatelessErrors.headerMismatch(
              "MCP-Protocol-Version header value '"
                  + header
                  + "' does not match body value '"
                  + declared
                  + "'"));
    }
    if (!ProtocolVersion.fromWireName(header).map(ProtocolVersion::sessionless).orElse(false)) {
      throw new ProtocolError(StatelessErrors.unsupportedVersion(header, servedVersions));
    }
  }

  /**
   * The method of a request when it is one of this revision's client requests and this server's
   * definition offers its capability; {@code null} otherwise (answered {@code -32601}).
   */
  private @Nullable McpMethod implemented(String wireName) {
    McpMethod method = McpMethod.of(wireName);
    if (method == null
        || !method.isServerRequest()
        || !method.existsIn(ProtocolVersion.V2026_07_28)) {
      return null;
    }
    if (dynamic != null) {
      return dynamic.offers(method) ? method : null;
    }
    boolean offered =
        switch (method.serverCapability()) {
          case NONE -> true;
          case TOOLS -> !config.tools().isEmpty();
          case RESOURCES -> resources;
          case PROMPTS -> prompts;
          case COMPLETIONS -> resources || prompts;
          case LOGGING -> false;
        };
    return offered ? method : null;
  }

  private @Nullable JsonNode callTool(
      IncomingMessages incoming, JsonRpcRequest request, RequestMeta meta, MessageSink sink) {
    JsonNode params = request.params();
    ToolCallParams call = ToolCallParams.of(tools, params);
    Tool tool = call.tool();
    JsonNode arguments = call.arguments();
    HeaderChecks.checkParams(
        incoming.headers(), mirrored.getOrDefault(tool.name(), List.of()), arguments);
    if (tool.taskSupport() == TaskSupport.REQUIRED && !TaskEngine.negotiated(meta)) {
      throw new CapabilityMissing(TaskEngine.missingExtension("tool '" + tool.name() + "'"));
    }
    InputRounds inputs = inputRounds(incoming.principal(), request, meta);
    if (TaskEngine.runsAsTask(tool, meta)) {
      // Arguments are checked before a task exists: a call that cannot run gets its isError now.
      String violations = argumentSchemas.violations(tool.name(), arguments);
      if (violations != null) {
        return results.finish(
            McpResults.toolResult(ToolResult.error(violations)), Revision2026Results.Cache.NONE);
      }
      return taskCall(tool, arguments, request, meta, inputs, incoming.principal());
    }
    ToolCallContext context =
        new ToolCallContext(
            request.id(),
            meta.progressToken(),
            sink,
            config.serverInfo().name(),
            tool.invocationType(),
            new RoundTripExchange(meta, inputs),
            incoming.principal());
    sink.onClientClose(context::cancel);
    JsonNode frozen = arguments;
    ToolResult result = null;
    try {
      result = ToolInvocation.run(tool, argumentSchemas, frozen, context, toolFailures);
    } finally {
      if (context.finish()) {
        LOG.debug("tool call {} was cancelled: the client closed the stream", request.id());
        result = null;
      }
    }
    if (result == null) {
      return null;
    }
    ObjectNode pending = pendingInput(incoming.principal(), request, inputs);
    return pending != null
        ? pending
        : results.finish(McpResults.toolResult(result), Revision2026Results.Cache.NONE);
  }

  /**
   * A call made as a task: its handle, or the multi round-trip's answer if it needs input first.
   */
  private ObjectNode taskCall(
      Tool tool,
      JsonNode arguments,
      JsonRpcRequest request,
      RequestMeta meta,
      InputRounds inputs,
      @Nullable Principal principal) {
    ObjectNode created;
    try {
      created =
          tasks.call(
              tool, arguments, request.id(), meta, inputs, principal, config.serverInfo().name());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProtocolError(JsonRpcError.INTERNAL_ERROR, "Interrupted");
    }
    if (created != null) {
      return results.finish(created, Revision2026Results.Cache.NONE);
    }
    ObjectNode pending = pendingInput(principal, request, inputs);
    if (pending == null) {
      throw new IllegalStateException("a task call ended before its task without asking input");
    }
    return pending;
  }

  /** {@code resources/read} and {@code prompts/get}: may ask the client for input, too. */
  private JsonNode withInput(
      IncomingMessages incoming,
      JsonRpcRequest request,
      McpMethod method,
      RequestMeta meta,
      MessageSink sink) {
    InputRounds inputs = inputRounds(incoming.principal(), request, meta);
    HandlerContext context =
        new HandlerContext(
            request.id(),
            sink,
            config.serverInfo().name(),
            new RoundTripExchange(meta, inputs),
            incoming.principal());
    JsonNode result;
    try {
      result =
          method == McpMethod.PROMPTS_GET
              ? promptMethods.get(context, request.params())
              : resourceMethods.read(context, request.params());
    } catch (ProtocolError | InputRounds.InputRequired e) {
      ObjectNode pending = pendingInput(incoming.principal(), request, inputs);
      if (pending != null) {
        return pending;
      }
      throw e;
    } finally {
      context.finish();
    }
    ObjectNode pending = pendingInput(incoming.principal(), request, inputs);
    if (pending != null) {
      return pending;
    }
    return results.finish(
        (ObjectNode) result,
        method == McpMethod.PROMPTS_GET
            ? Revision2026Results.Cache.NONE
            : Revision2026Results.Cache.VOLATILE);
  }

  /**
   * The answers known for a request: its verified state's, plus its {@code inputResponses}.
   *
   * @param meta the request's {@code _meta}, parsed once by {@link #serve}
   */
  private InputRounds inputRounds(
      @Nullable Principal principal, JsonRpcRequest request, RequestMeta meta) {
    JsonNode params = request.params();
    JsonNode state = params == null ? null : params.get("requestState");
    ObjectNode known;
    if (state == null || state.isNull()) {
      known = JsonRpcCodecs.nodes().objectNode();
    } else if (!state.isString()) {
      throw new ProtocolError(
          JsonRpcError.INVALID_PARAMS, "Invalid params: requestState must be a string");
    } else {
      known =
          states
              .verify(
                  state.stringValue(),
                  RequestStates.binding(request.method(), params),
                  principal == null ? null : principal.getName())
              .answers();
    }
    return new InputRounds(InputRounds.merge(known, params), meta);
  }

  /** The answer when the handler asked for what it does not have; {@code null} when it did not. */
  private @Nullable ObjectNode pendingInput(
      @Nullable Principal principal, JsonRpcRequest request, InputRounds inputs) {
    JsonRpcError capability = inputs.capabilityError();
    if (capability != null) {
      throw new CapabilityMissing(capability);
    }
    ObjectNode requests = inputs.inputRequests();
    if (requests == null) {
      return null;
    }
    String state =
        states.mint(
            RequestStates.binding(request.method(), request.params()),
            principal == null ? null : principal.getName(),
            inputs.known());
    return results.inputRequired(requests, state);
  }

  private static JsonNode idOf(JsonRpcRequest request) {
    return switch (request.id()) {
      case dev.mcpkit.api.jsonrpc.RequestId.Number number ->
          JsonRpcCodecs.nodes().numberNode(number.value());
      case dev.mcpkit.api.jsonrpc.RequestId.Text text ->
          JsonRpcCodecs.nodes().stringNode(text.value());
    };
  }

  /** Revision 2026-07-28 answers an unknown resource with -32602 instead of -32002. */
  private static JsonRpcError revise(JsonRpcError error) {
    return error.code() == ResourceMethods.RESOURCE_NOT_FOUND
        ? new JsonRpcError(JsonRpcError.INVALID_PARAMS, error.message(), error.data())
        : error;
  }

  private static Outcome answered(JsonRpcMessage response) {
    return new Outcome.Answered(List.of(response), false, null);
  }

  private static Outcome refuse(
      Rejection reason, JsonRpcError error, @Nullable JsonRpcRequest request) {
    return new Outcome.Rejected(reason, error, request == null ? null : request.id());
  }

  /** A handler needed a capability the request did not declare: refused with 400 and -32021. */
  private static final class CapabilityMissing extends RuntimeException {
    @java.io.Serial private static final long serialVersionUID = 1L;
    private final transient JsonRpcError error;

    CapabilityMissing(JsonRpcError error) {
      super(error.message(), null, false, false);
      this.error = error;
    }
  }
}
