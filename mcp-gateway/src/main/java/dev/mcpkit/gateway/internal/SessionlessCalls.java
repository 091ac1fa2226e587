package dev.mcpkit.gateway.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.server.DynamicRequest;
import dev.mcpkit.api.server.RequestErrorException;
import dev.mcpkit.api.server.ServerNotifications;
import dev.mcpkit.api.server.SessionlessRequest;
import dev.mcpkit.api.server.ToolContext;
import dev.mcpkit.gateway.GatewayObserver;
import java.security.Principal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves sessionless (2026-07-28) clients in front of session-based upstreams. Each request runs
 * through the gateway's usual routing, naming, tool rules and breakers ({@link GatewayMethods}), on
 * upstream sessions leased from {@link SessionlessUpstreams} by principal, upstream and declared
 * client capabilities. When an upstream asks the client something during the call, the call is
 * parked ({@link ParkedCalls}) and the request is answered {@code input_required}, with the
 * upstream's request under a key of the gateway's and a {@code requestState} that the engine signs
 * around the continuation {@code {"call": id, "key": key}}; the client's retry with {@code
 * inputResponses} delivers the answer to the waiting upstream and waits for what the call does
 * next: its result, or the upstream's next question. In a cluster the continuation also names this
 * node ({@code "node"}), and a retry that reaches another node is carried here, and the outcome
 * back, by {@link ForwardedResumes}.
 *
 * <p>A {@code tools/call} has its {@code Mcp-Param-*} headers checked against the tool's input
 * schema as the upstream listed it (the gateway lists once when it has not seen the tool yet).
 *
 * <p>Thread-safe: the maps are concurrent; each call is a {@link PendingCall}.
 */
final class SessionlessCalls implements AutoCloseable {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Runs a request through the gateway's routing on a link. */
  @FunctionalInterface
  interface Routing {
    ObjectNode run(DynamicRequest request, ClientLink link) throws InterruptedException;
  }

  private final Routing routing;
  private final GatewayObserver observer;
  private final SessionlessUpstreams upstreams;
  private final ParkedCalls parked;
  private final @Nullable ForwardedResumes forwarding;
  private final Map<String, ClientLink.Route> tools = new ConcurrentHashMap<>();
  private final Map<String, ClientLink.Route> prompts = new ConcurrentHashMap<>();
  private final Map<String, String> resources = new ConcurrentHashMap<>();
  private final Map<String, JsonNode> toolSchemas = new ConcurrentHashMap<>();
  private volatile @Nullable ServerNotifications notifications;

  SessionlessCalls(Routing routing, SessionlessSettings settings, GatewayObserver observer) {
    this(routing, settings, observer, null);
  }

  /**
   * @param routing runs a request through the gateway's routing on a link
   * @param settings the bounds of upstream sessions, parked calls and forwarded retries
   * @param observer told of upstream sessions
   * @param cluster the Redis gateway nodes share, through which a retry resumes a call parked on
   *     another node; {@code null} for a node alone
   */
  SessionlessCalls(
      Routing routing,
      SessionlessSettings settings,
      GatewayObserver observer,
      @Nullable ClusterStores cluster) {
    this.routing = requireNonNull(routing, "routing");
    this.observer = requireNonNull(observer, "observer");
    this.upstreams =
        new SessionlessUpstreams(
            settings.maxIdleSessions(), settings.idleTimeout(), observer, this::publish);
    this.parked = new LocalParkedCalls(settings.inputTimeout(), settings.maxParked());
    this.forwarding =
        cluster == null
            ? null
            : new ForwardedResumes(
                cluster, this::resumeHere, settings.keepAlive(), settings.silence());
  }

  /** Publishes upstream list changes to the gateway engine's listen streams from now on. */
  void publishTo(ServerNotifications notifications) {
    this.notifications = requireNonNull(notifications, "notifications");
  }

  /**
   * An upstream's notification that belongs to no request: a list change goes to the clients'
   * {@code subscriptions/listen} streams (a stream opted in to it hears it), anything else is
   * dropped, since a sessionless client has no stream of its own.
   */
  private void publish(JsonRpcNotification notification) {
    ServerNotifications target = notifications;
    if (target == null) {
      return;
    }
    switch (notification.method()) {
      case "notifications/prompts/list_changed" -> target.promptListChanged();
      case "notifications/resources/list_changed" -> target.resourceListChanged();
      case "notifications/resources/updated" -> {
        JsonNode params = notification.params();
        JsonNode uri = params == null ? null : params.get("uri");
        if (uri != null && uri.isString()) {
          target.resourceUpdated(uri.stringValue());
        }
      }
      default -> {}
    }
  }

  /** Answers one sessionless request: a first round, or a retry that resumes a parked call. */
  ObjectNode handle(SessionlessRequest request) throws InterruptedException {
    ObjectNode continuation = request.continuation();
    if (continuation != null) {
      return resume(request, continuation);
    }
    if ("tools/call".equals(request.method())) {
      checkParamHeaders(request);
    }
    return await(start(request), request);
  }

  private PendingCall start(SessionlessRequest request) {
    PendingCall call = new PendingCall(request);
    String principal = request.context().principal().map(Principal::getName).orElse(null);
    JsonNode capabilities = request.clientCapabilities();
    call.start(
        routed -> {
          ClientLink link =
              ClientLink.sessionless(
                  upstream ->
                      upstreams.lease(
                          SessionlessUpstreams.Key.of(principal, upstream, capabilities),
                          upstream,
                          capabilities),
                  connection ->
                      upstreams.giveBack(
                          SessionlessUpstreams.Key.of(
                              principal, connection.upstream(), capabilities),
                          connection),
                  observer,
                  tools,
                  prompts,
                  resources);
          try {
            ObjectNode result = routing.run(routed, link);
            if ("tools/list".equals(request.method())) {
              learnSchemas(result);
            }
            return result;
          } finally {
            link.close();
          }
        });
    return call;
  }

  /** Waits for the call's result or its next question for the client. */
  private ObjectNode await(PendingCall call, SessionlessRequest request)
      throws InterruptedException {
    PendingCall.Event event;
    try {
      event = call.next();
    } catch (InterruptedException e) {
      call.cancel("the client went away");
      throw e;
    }
    return switch (event) {
      case PendingCall.Done done -> done.result();
      case PendingCall.Failed failed -> throw failed.error();
      case PendingCall.Question question -> ask(call, request, question, call.nextKey());
    };
  }

  /** Parks the call and answers {@code input_required} with the upstream's question. */
  private ObjectNode ask(
      PendingCall call, SessionlessRequest request, PendingCall.Question question, String key) {
    ObjectNode inputRequests = NODES.objectNode();
    ObjectNode entry = inputRequests.putObject(key);
    entry.put("method", question.method());
    JsonNode params = question.params();
    entry.set("params", params == null ? NODES.objectNode() : params.deepCopy());
    ObjectNode continuation = NODES.objectNode();
    continuation.put("call", call.id());
    continuation.put("key", key);
    ForwardedResumes cluster = forwarding;
    if (cluster != null) {
      continuation.put("node", cluster.node()); // signed with the rest: a retry cannot redirect it
    }
    try {
      parked.park(call);
    } catch (IllegalStateException e) {
      call.cancel("too many calls wait for their clients");
      throw new RequestErrorException(
          JsonRpcError.of(
              JsonRpcError.INTERNAL_ERROR,
              "the gateway is busy: too many calls wait for their clients"));
    }
    return request.inputRequired(inputRequests, continuation);
  }

  /**
   * A retry: the answer goes to the parked call, which then carries on; on the node that parked it,
   * which may be another node of the cluster.
   */
  private ObjectNode resume(SessionlessRequest request, ObjectNode continuation)
      throws InterruptedException {
    String id = continuation.path("call").asString("");
    String key = continuation.path("key").asString("");
    String node = continuation.path("node").asString("");
    ForwardedResumes cluster = forwarding;
    if (cluster != null && !node.isEmpty() && !node.equals(cluster.node())) {
      return cluster.forward(request, node, id, key);
    }
    return resumeHere(request, id, key);
  }

  /** Resumes a call parked on this node, for a retry made here or forwarded from another node. */
  private ObjectNode resumeHere(SessionlessRequest request, String id, String key)
      throws InterruptedException {
    PendingCall call = parked.resume(id);
    PendingCall.Question question = call == null ? null : call.asked();
    if (call == null || question == null) {
      throw new RequestErrorException(
          JsonRpcError.of(
              JsonRpcError.INVALID_PARAMS,
              "Invalid params: requestState rejected: the call it continues is over (it timed"
                  + " out or was resumed already) or waits on another gateway node"));
    }
    JsonNode answer = request.inputResponses().get(key);
    if (answer == null) {
      // Not answered (or under another key): ask again, the same question under the same key.
      return ask(call, request, question, key);
    }
    call.serving(request);
    call.answer(answer);
    return await(call, request);
  }

  /** Checks a call's {@code Mcp-Param-*} headers against the tool's schema. */
  private void checkParamHeaders(SessionlessRequest request) throws InterruptedException {
    JsonNode params = request.params();
    JsonNode name = params == null ? null : params.get("name");
    if (params == null || name == null || !name.isString()) {
      return; // the upstream answers the malformed call
    }
    JsonNode schema = toolSchemas.get(name.stringValue());
    if (schema == null) {
      listTools(request);
      schema = toolSchemas.get(name.stringValue());
    }
    if (schema != null) {
      JsonNode arguments = params.get("arguments");
      request.checkParamHeaders(
          schema, arguments == null || arguments.isNull() ? NODES.objectNode() : arguments);
    }
  }

  /** Lists every page of tools for the caller, which teaches the schemas. */
  private void listTools(SessionlessRequest request) throws InterruptedException {
    String cursor = null;
    for (int page = 0; page < 100; page++) {
      ObjectNode params = NODES.objectNode();
      if (cursor != null) {
        params.put("cursor", cursor);
      }
      ObjectNode result = await(start(new Listing(request, params)), request);
      JsonNode next = result.get("nextCursor");
      if (next == null || !next.isString()) {
        return;
      }
      cursor = next.stringValue();
    }
  }

  private void learnSchemas(ObjectNode result) {
    for (JsonNode tool : result.path("tools")) {
      JsonNode name = tool.get("name");
      JsonNode schema = tool.get("inputSchema");
      if (name != null && name.isString() && schema != null && schema.isObject()) {
        toolSchemas.put(name.stringValue(), schema);
      }
    }
  }

  @Override
  public void close() {
    ForwardedResumes cluster = forwarding;
    if (cluster != null) {
      cluster.close();
    }
    parked.close();
    upstreams.close();
  }

  /** A {@code tools/list} the gateway makes for a caller, on the caller's request. */
  private record Listing(SessionlessRequest of, JsonNode params) implements SessionlessRequest {
    @Override
    public String method() {
      return "tools/list";
    }

    @Override
    public @Nullable JsonNode params() {
      return params;
    }

    @Override
    public JsonNode clientCapabilities() {
      return of.clientCapabilities();
    }

    @Override
    public ToolContext context() {
      return of.context();
    }

    @Override
    public @Nullable ObjectNode continuation() {
      return null;
    }

    @Override
    public ObjectNode inputResponses() {
      return NODES.objectNode();
    }

    @Override
    public ObjectNode inputRequired(ObjectNode inputRequests, ObjectNode continuation) {
      throw new IllegalStateException("a listing asks the client nothing");
    }

    @Override
    public void checkParamHeaders(JsonNode inputSchema, JsonNode arguments) {}

    @Override
    public void notify(String method, @Nullable JsonNode params) {}
  }
}
