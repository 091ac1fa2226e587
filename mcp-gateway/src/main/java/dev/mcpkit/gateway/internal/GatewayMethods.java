package dev.mcpkit.gateway.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.client.AnswerTooLargeException;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.client.RequestOptions;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.server.DynamicMethods;
import dev.mcpkit.api.server.DynamicRequest;
import dev.mcpkit.api.server.RateLimited;
import dev.mcpkit.api.server.RequestErrorException;
import dev.mcpkit.api.server.SessionlessRequest;
import dev.mcpkit.api.server.ToolContext;
import dev.mcpkit.api.spi.StoreUnavailableException;
import dev.mcpkit.api.spi.transport.SessionOutbound;
import dev.mcpkit.gateway.GatewayObserver;
import dev.mcpkit.gateway.GatewayObserver.Failure;
import dev.mcpkit.gateway.RateLimit;
import dev.mcpkit.gateway.ToolRule;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The gateway's catalogue: each request of a client session goes to that session's upstream
 * sessions ({@link ClientLink}). With one upstream every request passes through as it is (names,
 * pagination, errors); with several, listings are merged under per-upstream names ({@link Naming})
 * and paginated by the gateway, and calls are routed by name or URI.
 *
 * <p>Thread-safe: the upstreams are fixed at construction, per-session state lives in the links,
 * and the outbound channel is a volatile reference set once by the engine.
 */
public final class GatewayMethods implements DynamicMethods {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayMethods.class);

  /** Entries per page of a merged listing. */
  static final int PAGE_SIZE = 100;

  /** Pages read from one upstream for one merged listing, at most. */
  private static final int MAX_UPSTREAM_PAGES = 100;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * With several upstreams, the requests that go to one of them: by a tool's or prompt's exposed
   * name, or by a resource's URI.
   */
  private static final Set<String> ROUTED_TO_ONE =
      Set.of(
          "tools/call",
          "prompts/get",
          "resources/read",
          "resources/subscribe",
          "resources/unsubscribe");

  private final List<Upstream> upstreams;
  private final Map<String, Upstream> byName;
  private final Map<String, JsonNode> capabilitiesByUpstream;
  private final Map<String, Breaker> breakers;
  private final ObjectNode capabilities;
  private final Naming naming;
  private final GatewayObserver observer;
  private final Set<String> reportedClashes = ConcurrentHashMap.newKeySet();
  private volatile SessionOutbound outbound = SessionOutbound.DISCARD;
  private final ToolAccess access;
  private final RateLimiter limiter;
  private final UpstreamSessionDirectory directory;
  private final SessionlessCalls sessionless;
  private final LaterForwards later;

  /** Whether any upstream is one over HTTP, which {@link LaterForwards} can reach. */
  private final boolean anyOverHttp;

  /** How long {@link #close()} waits for upstream sessions being closed. */
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  /** The threads closing the upstream sessions of closed client sessions. */
  private final Set<Thread> closing = ConcurrentHashMap.newKeySet();

  /** Merged listings ask every upstream at once, each on a virtual thread. */
  private final ExecutorService fanOut = Executors.newVirtualThreadPerTaskExecutor();

  /**
   * @param upstreams the upstreams, in the order listings show them
   * @param capabilitiesByUpstream each upstream's declared server capabilities, by name
   * @param separator between an upstream's name and its names, when there are several upstreams
   * @param policy the tool rules per principal
   * @param rateLimits the rate limits
   * @param observer told of upstream calls, sessions and breakers
   * @param directory where a node finds the upstream sessions other nodes opened (a cluster)
   * @param sessionless how the upstream sessions and parked calls of sessionless clients are
   *     bounded
   * @param cluster the Redis of a cluster, through which a sessionless client's retry resumes a
   *     call parked on another node; {@code null} for a node alone
   */
  public GatewayMethods(
      List<Upstream> upstreams,
      Map<String, JsonNode> capabilitiesByUpstream,
      String separator,
      List<ToolRule> policy,
      List<RateLimit> rateLimits,
      GatewayObserver observer,
      UpstreamSessionDirectory directory,
      SessionlessSettings sessionless,
      @Nullable ClusterStores cluster) {
    this.directory = requireNonNull(directory, "directory");
    this.sessionless = new SessionlessCalls(this::run, sessionless, observer, cluster);
    this.access = new ToolAccess(policy);
    this.limiter = new RateLimiter(rateLimits);
    this.observer = requireNonNull(observer, "observer");
    this.upstreams = List.copyOf(upstreams);
    if (this.upstreams.isEmpty()) {
      throw new IllegalArgumentException("a gateway needs at least one upstream");
    }
    Map<String, Upstream> names = new LinkedHashMap<>();
    Map<String, Breaker> breakers = new LinkedHashMap<>();
    for (Upstream upstream : this.upstreams) {
      names.put(upstream.name(), upstream);
      breakers.put(
          upstream.name(),
          new Breaker(3, Duration.ofSeconds(5), s -> observer.breakerChanged(upstream.name(), s)));
    }
    this.byName = Map.copyOf(names);
    this.breakers = Map.copyOf(breakers);
    this.capabilitiesByUpstream = Map.copyOf(capabilitiesByUpstream);
    List<JsonNode> ordered = new ArrayList<>();
    for (Upstream upstream : this.upstreams) {
      ordered.add(requireNonNull(capabilitiesByUpstream.get(upstream.name()), upstream.name()));
    }
    this.capabilities = Capabilities.merge(ordered);
    this.naming = new Naming(this.upstreams.size() > 1, requireNonNull(separator, "separator"));
    this.later =
        new LaterForwards(
            observer,
            access,
            new LaterForwards.Blocking() {
              @Override
              public ObjectNode run(DynamicRequest request, ClientLink link)
                  throws InterruptedException {
                return GatewayMethods.this.run(request, link);
              }

              @Override
              public ObjectNode resend(
                  ClientLink link,
                  LaterForwards.Target target,
                  DynamicRequest request,
                  @Nullable JsonNode sent)
                  throws InterruptedException {
                return send(link, target.upstream(), request, sent, target.breaker(), 1);
              }
            });
    this.anyOverHttp = this.upstreams.stream().anyMatch(u -> u instanceof HttpUpstream);
  }

  /** The exposed name of an upstream's tool or prompt. */
  public String exposed(String upstream, String name) {
    return naming.exposed(upstream, name);
  }

  @Override
  public ObjectNode capabilities() {
    return capabilities;
  }

  @Override
  public void attach(SessionOutbound outbound) {
    this.outbound = requireNonNull(outbound, "outbound");
  }

  /**
   * Sends what upstreams announce to sessionless clients (list changes) to this engine's {@code
   * subscriptions/listen} streams: the gateway engine's own notifications.
   *
   * @param notifications the engine's publisher
   */
  public void publishTo(dev.mcpkit.api.server.ServerNotifications notifications) {
    sessionless.publishTo(notifications);
  }

  /** Closes a client session's upstream sessions: called when the client session closed. */
  public void sessionClosed(Session session) {
    sessionClosed(session, CloseReason.CLIENT_REQUEST);
  }

  /**
   * Called when the client session closed: ends its upstream sessions, unless only this node's copy
   * of a session shared by a cluster ended (this node stops, or made room), which leaves the
   * upstream sessions to the other nodes.
   *
   * @param session the client session
   * @param reason why it closed
   */
  public void sessionClosed(Session session, CloseReason reason) {
    ClientLink link = session.attribute(ClientLink.KEY).orElse(null);
    boolean thisNodeOnly =
        directory.clustered()
            && (reason == CloseReason.SERVER_SHUTDOWN || reason == CloseReason.EVICTED);
    if (link == null && !directory.clustered()) {
      return;
    }
    if (link == null) {
      if (thisNodeOnly) {
        return;
      }
      // A cluster's node that never served the session still ends what the others opened.
      link = new ClientLink(session, () -> outbound, observer, directory);
    }
    ClientLink closed = link;
    // Listeners must not block; the DELETEs to the upstreams do. close() waits for them.
    Thread closer =
        Thread.ofVirtual()
            .name("gateway-close-" + session.id())
            .unstarted(
                () -> {
                  try {
                    if (thisNodeOnly) {
                      closed.detach();
                    } else {
                      closed.close(byName);
                    }
                  } finally {
                    closing.remove(Thread.currentThread());
                  }
                });
    closing.add(closer);
    closer.start();
  }

  @Override
  public void onNotification(Session session, JsonRpcNotification notification) {
    // roots/list_changed and the like concern every upstream session the client has.
    ClientLink link = session.attribute(ClientLink.KEY).orElse(null);
    if (link == null) {
      return;
    }
    for (Connection connection : link.openConnections()) {
      try {
        connection.notifyUpstream(notification.method(), notification.params());
      } catch (RuntimeException e) {
        LOG.debug("passing {} to {} failed", notification.method(), connection.upstream().name());
      }
    }
  }

  @Override
  public @Nullable RateLimited admit(
      Session session, JsonRpcRequest request, @Nullable Principal principal) {
    return limiter.admit(principal, request.method(), request.params());
  }

  @Override
  public ObjectNode handle(DynamicRequest request) throws InterruptedException {
    return run(request, ClientLink.of(request.session(), () -> outbound, observer, directory));
  }

  /**
   * Requests to an upstream over HTTP are forwarded without a thread waiting for the upstream's
   * answer ({@link LaterForwards}): with one upstream, every request; with several, those that go
   * to one upstream ({@code ROUTED_TO_ONE}: tool calls, prompt gets, requests on a resource), while
   * listings, which ask every upstream, are left to a thread.
   */
  @Override
  public boolean answersLater(JsonRpcRequest request) {
    if (!anyOverHttp) {
      return false;
    }
    if (upstreams.size() == 1) {
      return true;
    }
    return ROUTED_TO_ONE.contains(request.method());
  }

  @Override
  public CompletionStage<ObjectNode> handleLater(DynamicRequest request) {
    ClientLink link = ClientLink.of(request.session(), () -> outbound, observer, directory);
    return later.handle(request, link, laterTarget(request, link));
  }

  /**
   * Where {@link LaterForwards} sends a request, if that is an upstream over HTTP known without
   * blocking: the only upstream, the one a tool's or prompt's exposed name leads to by the client
   * session's listings or by its prefix, or the one that listed a resource's URI. {@code null}
   * leaves the request to the blocking path (which also answers a missing or unknown name, and
   * tries an unlisted URI on each upstream).
   */
  private LaterForwards.@Nullable Target laterTarget(DynamicRequest request, ClientLink link) {
    if (upstreams.size() == 1) {
      Upstream only = upstreams.getFirst();
      return only instanceof HttpUpstream
          ? new LaterForwards.Target(only, breakerOf(only), request.params())
          : null;
    }
    if (request.method().startsWith("resources/")) {
      String uri = text(request.params(), "uri");
      String owner = uri == null ? null : link.resources.get(uri);
      return owner != null && byName.get(owner) instanceof HttpUpstream upstream
          ? new LaterForwards.Target(upstream, breakerOf(upstream), request.params())
          : null;
    }
    Map<String, ClientLink.Route> routes =
        switch (request.method()) {
          case "tools/call" -> link.tools;
          case "prompts/get" -> link.prompts;
          default -> null;
        };
    String name = text(request.params(), "name");
    ClientLink.Route route = routes == null || name == null ? null : knownRoute(routes, name);
    if (route == null || !(byName.get(route.upstream()) instanceof HttpUpstream upstream)) {
      return null;
    }
    return new LaterForwards.Target(
        upstream, breakerOf(upstream), upstreamsOwnName(request, route));
  }

  /** The breaker of an upstream. */
  private Breaker breakerOf(Upstream upstream) {
    return requireNonNull(breakers.get(upstream.name()));
  }

  /** A copy of a tool call's or prompt get's params naming the upstream's own tool or prompt. */
  private static ObjectNode upstreamsOwnName(DynamicRequest request, ClientLink.Route route) {
    ObjectNode params = ((ObjectNode) requireNonNull(request.params())).deepCopy();
    params.put("name", route.name());
    return params;
  }

  /** Sessionless (2026-07-28) clients are served too, through {@link SessionlessCalls}. */
  @Override
  public boolean servesSessionless() {
    return true;
  }

  @Override
  public ObjectNode handleSessionless(SessionlessRequest request) throws InterruptedException {
    return sessionless.handle(request);
  }

  @Override
  public @Nullable RateLimited admitSessionless(
      JsonRpcRequest request, @Nullable Principal principal) {
    return limiter.admit(principal, request.method(), request.params());
  }

  /**
   * Applies the tool rules around {@link #dispatch}: denied tools are neither listed nor run. The
   * link holds the upstream sessions: the client session's, or those leased for a sessionless
   * request.
   */
  ObjectNode run(DynamicRequest request, ClientLink link) throws InterruptedException {
    if (access.isEmpty()) {
      return dispatch(request, link);
    }
    Principal principal = request.context().principal().orElse(null);
    access.checkRequest(principal, request.method(), request.params());
    return access.filterResult(principal, request.method(), dispatch(request, link));
  }

  private ObjectNode dispatch(DynamicRequest request, ClientLink link) throws InterruptedException {
    String method = request.method();
    JsonNode params = request.params();
    if (upstreams.size() == 1) {
      return forward(link, upstreams.get(0), request, params);
    }
    return switch (method) {
      case "tools/list" -> merged(link, request, "tools", "tools", link.tools);
      case "prompts/list" -> merged(link, request, "prompts", "prompts", link.prompts);
      case "resources/list" -> merged(link, request, "resources", "resources", null);
      case "resources/templates/list" ->
          merged(link, request, "resources", "resourceTemplates", null);
      case "tools/call" -> byName(link, request, "tools", link.tools);
      case "prompts/get" -> byName(link, request, "prompts", link.prompts);
      case "resources/read", "resources/subscribe", "resources/unsubscribe" ->
          byUri(link, request, text(params, "uri"));
      case "completion/complete" -> complete(link, request);
      case "logging/setLevel" -> everywhere(link, request);
      default ->
          throw new RequestErrorException(
              JsonRpcError.of(JsonRpcError.METHOD_NOT_FOUND, "Method not found: " + method));
    };
  }

  // ---- one request to one upstream -------------------------------------------------------------

  /**
   * Sends a request to one upstream session and returns its result; its errors become ours. The
   * client's trace context goes along in {@code _meta}, and the observer sees the call.
   */
  private ObjectNode forward(
      ClientLink link, Upstream upstream, DynamicRequest request, @Nullable JsonNode params)
      throws InterruptedException {
    StartedCall started = StartedCall.start(observer, upstream, request, params);
    GatewayObserver.UpstreamCall call = started.call();
    Breaker breaker = breakerOf(upstream);
    Failure failure = Failure.TRANSPORT;
    try {
      if (!breaker.allows()) {
        failure = Failure.BREAKER_OPEN;
        throw UpstreamFailures.unavailable(upstream);
      }
      ObjectNode result = send(link, upstream, request, started.sent().params(), breaker, 0);
      failure = null;
      return result;
    } catch (McpClientException e) {
      failure = UpstreamFailures.kind(e);
      throw failed(upstream, breaker, e);
    } catch (InterruptedException e) {
      failure = Failure.CANCELLED;
      throw e;
    } finally {
      call.ended(failure);
    }
  }

  /**
   * The request to the upstream session, opened anew once if the upstream forgot it.
   *
   * @param firstAttempt 0, or 1 when the upstream already forgot the session once for this request
   *     (it is not repeated again)
   */
  ObjectNode send(
      ClientLink link,
      Upstream upstream,
      DynamicRequest request,
      @Nullable JsonNode sent,
      Breaker breaker,
      int firstAttempt)
      throws InterruptedException {
    ToolContext context = request.context();
    RequestOptions options = options(upstream, context);
    for (int attempt = firstAttempt; ; attempt++) {
      Connection connection;
      try {
        connection = link.connection(upstream);
      } catch (StoreUnavailableException e) {
        // A cluster's node must read the shared record to resume the upstream session: it cannot
        // now, which is not the same as the session being unknown.
        LOG.debug("upstream {}: the session store cannot be reached", upstream.name(), e);
        throw new RequestErrorException(
            JsonRpcError.of(
                JsonRpcError.INTERNAL_ERROR,
                "Service Unavailable: the gateway's session store cannot be reached; retry later"));
      } catch (IllegalStateException e) {
        throw new RequestErrorException(
            JsonRpcError.of(JsonRpcError.INTERNAL_ERROR, "the session is closing"));
      }
      connection.enter(request);
      try {
        JsonNode result = connection.request(request.method(), sent, options);
        breaker.succeeded();
        link.recordSessions();
        if (!(result instanceof ObjectNode object)) {
          throw new RequestErrorException(
              JsonRpcError.of(
                  JsonRpcError.INTERNAL_ERROR,
                  "upstream " + upstream.name() + " answered a result that is not an object"));
        }
        return object;
      } catch (McpClientException e) {
        if (Thread.interrupted() || context.isCancelled()) {
          throw new InterruptedException("cancelled by the client");
        }
        // 404: the upstream forgot the session before running the request, so it is safe to
        // repeat it once on the session the client has opened anew meanwhile.
        if (e.error().isEmpty() && e.httpStatus() == 404 && attempt == 0) {
          continue;
        }
        if (e.error().isEmpty() && connection.stateless()) {
          link.drop(connection); // the next request probes the upstream's generation again
        }
        throw e;
      } finally {
        connection.exit(request);
      }
    }
  }

  /** How a client's request is sent upstream: the upstream's timeout, its stream and progress. */
  static RequestOptions options(Upstream upstream, ToolContext context) {
    // When the upstream pauses its stream (SSE polling), the gateway pauses the client's the same
    // way; both resume, and the answer travels once the upstream sends it.
    RequestOptions options =
        RequestOptions.defaults()
            .withTimeout(upstream.timeout())
            .withStreamPaused(context::closeStream);
    if (context.wantsProgress()) {
      // The upstream gets a token of the upstream client's own; its progress comes back here and
      // goes to the client with the client's token.
      options =
          options.withProgress(
              p -> {
                Double total = p.total();
                if (total == null) {
                  context.progress(p.progress(), p.message());
                } else {
                  context.progress(p.progress(), total, p.message());
                }
              });
    }
    return options;
  }

  /** The upstream's name of the tool or prompt a request names, for the observer. */
  static @Nullable String target(String method, @Nullable JsonNode params) {
    return "tools/call".equals(method) || "prompts/get".equals(method)
        ? text(params, "name")
        : null;
  }

  static RequestErrorException failed(Upstream upstream, Breaker breaker, McpClientException e) {
    if (e.error().isPresent()) {
      breaker.succeeded(); // the upstream answered, with an error
      return new RequestErrorException(e.error().get());
    }
    if (e instanceof AnswerTooLargeException tooLarge) {
      breaker.succeeded(); // the upstream answered, more than the gateway takes from it
      return UpstreamFailures.tooLarge(upstream, tooLarge);
    }
    breaker.failed();
    upstream.failed();
    LOG.debug("upstream {} failed: {}", upstream.name(), e.getMessage());
    return UpstreamFailures.of(upstream, e);
  }

  /** The params without the client's progress token: the upstream client sets its own. */
  static @Nullable JsonNode withoutProgressToken(@Nullable JsonNode params) {
    if (params == null || !params.isObject() || !params.has("_meta")) {
      return params;
    }
    ObjectNode copy = (ObjectNode) params.deepCopy();
    JsonNode meta = copy.get("_meta");
    if (meta instanceof ObjectNode object) {
      object.remove("progressToken");
      if (object.isEmpty()) {
        copy.remove("_meta");
      }
    }
    return copy;
  }

  // ---- several upstreams ------------------------------------------------------------------------

  /**
   * A merged listing: every page of every upstream that declares the feature, asked at once, names
   * prefixed; an upstream that fails is left out (logged). Paginated by the gateway.
   */
  private ObjectNode merged(
      ClientLink link,
      DynamicRequest request,
      String feature,
      String member,
      @Nullable Map<String, ClientLink.Route> routes)
      throws InterruptedException {
    List<ObjectNode> entries = collect(link, request, feature, member, routes);
    int offset = offset(request.params());
    ObjectNode result = NODES.objectNode();
    ArrayNode page = result.putArray(member);
    int end = Math.min(entries.size(), offset + PAGE_SIZE);
    for (int i = offset; i < end; i++) {
      page.add(entries.get(i));
    }
    if (end < entries.size()) {
      result.put("nextCursor", Integer.toString(end));
    }
    return result;
  }

  private List<ObjectNode> collect(
      ClientLink link,
      DynamicRequest request,
      String feature,
      String member,
      @Nullable Map<String, ClientLink.Route> routes)
      throws InterruptedException {
    Map<Upstream, Future<List<JsonNode>>> pending = new LinkedHashMap<>();
    for (Upstream upstream : upstreams) {
      if (Capabilities.declares(
          requireNonNull(capabilitiesByUpstream.get(upstream.name())), feature)) {
        pending.put(upstream, fanOut.submit(() -> allPages(link, upstream, request, member)));
      }
    }
    List<ObjectNode> entries = new ArrayList<>();
    Map<String, String> owners = new LinkedHashMap<>();
    for (Map.Entry<Upstream, Future<List<JsonNode>>> entry : pending.entrySet()) {
      Upstream upstream = entry.getKey();
      List<JsonNode> listed;
      try {
        listed = entry.getValue().get();
      } catch (ExecutionException e) {
        LOG.warn(
            "leaving upstream {} out of {}: {}",
            upstream.name(),
            request.method(),
            e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
        continue;
      } catch (InterruptedException e) {
        pending.values().forEach(f -> f.cancel(true));
        throw e;
      }
      for (JsonNode item : listed) {
        if (!(item instanceof ObjectNode object)) {
          continue;
        }
        ObjectNode copy = object.deepCopy();
        if (routes != null) {
          String original = copy.path("name").asString("");
          String exposed = naming.exposed(upstream.name(), original);
          String owner = owners.putIfAbsent(exposed, upstream.name());
          if (owner != null) {
            reportClash(feature, exposed, owner, upstream.name());
            continue;
          }
          copy.put("name", exposed);
          routes.put(exposed, new ClientLink.Route(upstream.name(), original));
        } else if (copy.path("uri").isString()) {
          link.resources.putIfAbsent(copy.path("uri").asString(), upstream.name());
        }
        entries.add(copy);
      }
    }
    return entries;
  }

  private void reportClash(String feature, String exposed, String first, String second) {
    if (reportedClashes.add(feature + "/" + exposed)) {
      LOG.warn(
          "{} name collision: '{}' of upstream {} hides the one of upstream {}",
          feature,
          exposed,
          first,
          second);
    }
  }

  /** Every page of one upstream's listing, through the client session's upstream session. */
  private List<JsonNode> allPages(
      ClientLink link, Upstream upstream, DynamicRequest request, String member)
      throws InterruptedException {
    List<JsonNode> items = new ArrayList<>();
    String cursor = null;
    for (int page = 0; page < MAX_UPSTREAM_PAGES; page++) {
      ObjectNode params = NODES.objectNode();
      if (cursor != null) {
        params.put("cursor", cursor);
      }
      ObjectNode result = forward(link, upstream, request, params);
      result.path(member).forEach(items::add);
      JsonNode next = result.get("nextCursor");
      if (next == null || !next.isString()) {
        break;
      }
      cursor = next.asString();
    }
    return items;
  }

  private static int offset(@Nullable JsonNode params) {
    String cursor = text(params, "cursor");
    if (cursor == null) {
      return 0;
    }
    try {
      int offset = Integer.parseInt(cursor);
      if (offset >= 0) {
        return offset;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new RequestErrorException(
        JsonRpcError.of(JsonRpcError.INVALID_PARAMS, "Invalid params: unknown cursor"));
  }

  /** A tool call or prompt get, routed by the exposed name to its upstream and original name. */
  private ObjectNode byName(
      ClientLink link, DynamicRequest request, String feature, Map<String, ClientLink.Route> routes)
      throws InterruptedException {
    String name = text(request.params(), "name");
    if (name == null) {
      throw new RequestErrorException(
          JsonRpcError.of(JsonRpcError.INVALID_PARAMS, "Invalid params: name is required"));
    }
    ClientLink.Route route = route(link, request, feature, routes, name);
    return forward(
        link,
        requireNonNull(byName.get(route.upstream())),
        request,
        upstreamsOwnName(request, route));
  }

  private ClientLink.Route route(
      ClientLink link,
      DynamicRequest request,
      String feature,
      Map<String, ClientLink.Route> routes,
      String name)
      throws InterruptedException {
    ClientLink.Route route = knownRoute(routes, name);
    if (route != null) {
      return route;
    }
    // A name of MAX_LENGTH may be shortened (prefix and hash), which cannot be read back: only the
    // upstreams' listings (tools/list, prompts/list) tell where it leads. Never send the call
    // itself to every upstream; any other unknown name is answered here, as the engine does.
    if (name.length() == Naming.MAX_LENGTH) {
      collect(link, listing(request, feature + "/list"), feature, feature, routes);
      route = routes.get(name);
    }
    if (route == null) {
      throw new RequestErrorException(
          JsonRpcError.of(
              JsonRpcError.INVALID_PARAMS,
              "tools".equals(feature)
                  ? "Unknown tool: " + name
                  : "Invalid params: unknown prompt '" + name + "'"));
    }
    return route;
  }

  /**
   * Where an exposed name leads, if that is known without asking the upstreams: by the client
   * session's listings, or, for a name shorter than {@link Naming#MAX_LENGTH} (never shortened),
   * read back from its prefix.
   *
   * @return the route, or {@code null}
   */
  private ClientLink.@Nullable Route knownRoute(Map<String, ClientLink.Route> routes, String name) {
    ClientLink.Route route = routes.get(name);
    if (route != null || name.length() >= Naming.MAX_LENGTH) {
      return route;
    }
    for (Upstream upstream : upstreams) {
      String original = naming.original(upstream.name(), name);
      if (original != null && naming.exposed(upstream.name(), original).equals(name)) {
        return new ClientLink.Route(upstream.name(), original);
      }
    }
    return null;
  }

  /** The same request as {@code request}, as a listing {@code method} for {@link #collect}. */
  private static DynamicRequest listing(DynamicRequest request, String method) {
    return new DynamicRequest() {
      @Override
      public String method() {
        return method;
      }

      @Override
      public @Nullable JsonNode params() {
        return request.params();
      }

      @Override
      public Session session() {
        return request.session();
      }

      @Override
      public ToolContext context() {
        return request.context();
      }

      @Override
      public void notify(String notification, @Nullable JsonNode params) {
        request.notify(notification, params);
      }
    };
  }

  /**
   * A resource request, routed to the upstream that listed the URI; an unlisted URI (a template's)
   * is tried on each upstream that offers resources, in order, until one does not answer with an
   * error.
   */
  private ObjectNode byUri(ClientLink link, DynamicRequest request, @Nullable String uri)
      throws InterruptedException {
    String owner = uri == null ? null : link.resources.get(uri);
    if (owner != null) {
      return forward(link, requireNonNull(byName.get(owner)), request, request.params());
    }
    return firstAnswer(link, request, "resources", request.params());
  }

  private ObjectNode firstAnswer(
      ClientLink link, DynamicRequest request, String feature, @Nullable JsonNode params)
      throws InterruptedException {
    RequestErrorException last = null;
    for (Upstream upstream : upstreams) {
      if (!Capabilities.declares(
          requireNonNull(capabilitiesByUpstream.get(upstream.name())), feature)) {
        continue;
      }
      try {
        return forward(link, upstream, request, params);
      } catch (RequestErrorException e) {
        last = e;
      }
    }
    throw last != null
        ? last
        : new RequestErrorException(
            JsonRpcError.of(
                JsonRpcError.METHOD_NOT_FOUND, "Method not found: " + request.method()));
  }

  /** {@code completion/complete}: a prompt's by its exposed name, a resource's by trying each. */
  private ObjectNode complete(ClientLink link, DynamicRequest request) throws InterruptedException {
    JsonNode params = request.params();
    JsonNode ref = params == null ? null : params.get("ref");
    String prompt = ref == null ? null : text(ref, "name");
    if (prompt != null && "ref/prompt".equals(text(ref, "type"))) {
      ClientLink.Route route = route(link, request, "prompts", link.prompts, prompt);
      ObjectNode copy = ((ObjectNode) requireNonNull(params)).deepCopy();
      ((ObjectNode) copy.get("ref")).put("name", route.name());
      return forward(link, requireNonNull(byName.get(route.upstream())), request, copy);
    }
    return firstAnswer(link, request, "completions", params);
  }

  /** {@code logging/setLevel}: passed to every upstream that logs; answered once. */
  private ObjectNode everywhere(ClientLink link, DynamicRequest request)
      throws InterruptedException {
    for (Upstream upstream : upstreams) {
      if (Capabilities.declares(
          requireNonNull(capabilitiesByUpstream.get(upstream.name())), "logging")) {
        try {
          forward(link, upstream, request, request.params());
        } catch (RequestErrorException e) {
          LOG.debug("upstream {} refused {}", upstream.name(), request.method());
        }
      }
    }
    return NODES.objectNode();
  }

  private static @Nullable String text(@Nullable JsonNode node, String member) {
    JsonNode value = node == null ? null : node.get(member);
    return value != null && value.isString() ? value.asString() : null;
  }

  /**
   * Stops the listings' executor and waits (a few seconds at most) for the upstream sessions of
   * closed client sessions to be closed, so that a gateway that stops ends them first.
   */
  public void close() {
    sessionless.close();
    fanOut.shutdownNow();
    long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
    for (Thread closer : List.copyOf(closing)) {
      try {
        closer.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
