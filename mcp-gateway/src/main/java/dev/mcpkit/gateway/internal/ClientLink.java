package dev.mcpkit.gateway.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.AttributeKey;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.spi.transport.SessionOutbound;
import dev.mcpkit.gateway.GatewayObserver;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a client session at the gateway holds: its upstream sessions, opened lazily, one per
 * upstream, and where the names it was shown lead. Kept in the session's attributes ({@link #KEY},
 * on this node); the upstream session ids are also kept as JSON ({@link #UPSTREAM_SESSIONS}), so
 * that a session store records them with the session.
 *
 * <p>Thread-safe: connections are opened under a lock (opening blocks on the upstream's {@code
 * initialize}, so it is a {@link ReentrantLock}, never {@code synchronized}); the maps are
 * concurrent.
 */
final class ClientLink {
  private static final Logger LOG = LoggerFactory.getLogger(ClientLink.class);

  /** The link of a client session, on the node that serves it. */
  static final AttributeKey<ClientLink> KEY =
      AttributeKey.of("dev.mcpkit.gateway.link", ClientLink.class);

  /** The upstream session ids of a client session, by upstream name (a JSON object). */
  static final AttributeKey<JsonNode> UPSTREAM_SESSIONS =
      AttributeKey.of("dev.mcpkit.gateway.upstreamSessions", JsonNode.class);

  /** The client session, or {@code null} for the link of one sessionless request. */
  private final @Nullable Session session;

  private final Function<Upstream, Connection> opener;
  private final Consumer<Connection> closer;
  private final GatewayObserver observer;
  private final UpstreamSessionDirectory directory;
  private final ReentrantLock opening = new ReentrantLock();
  private final Map<String, Connection> connections = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * What {@link #recordSessions} last found recorded: the session's JSON (the very node) and the
   * upstream sessions it holds, or {@code null} before the first record. While the session still
   * holds that node and every connection still has its session, recording again changes nothing.
   */
  private volatile @Nullable Recorded recorded;

  /** The JSON of the upstream sessions as last recorded, and what it says by upstream name. */
  private record Recorded(JsonNode json, Map<String, UpstreamSession> sessions) {
    /** Whether every connection (and no other) has the upstream session recorded for it. */
    boolean matches(Map<String, Connection> connections) {
      int withSession = 0;
      for (Map.Entry<String, Connection> entry : connections.entrySet()) {
        UpstreamSession now = entry.getValue().upstreamSession();
        if (now == null) {
          if (sessions.containsKey(entry.getKey())) {
            return false;
          }
        } else if (!now.equals(sessions.get(entry.getKey()))) {
          return false;
        } else {
          withSession++;
        }
      }
      return withSession == sessions.size();
    }
  }

  /** Exposed tool names to their upstream and original name, learnt from listings. */
  final Map<String, Route> tools;

  /** Exposed prompt names to their upstream and original name, learnt from listings. */
  final Map<String, Route> prompts;

  /** Resource URIs to the upstream that listed them. */
  final Map<String, String> resources;

  /** Where an exposed name leads. */
  record Route(String upstream, String name) {}

  ClientLink(
      Session session,
      Supplier<SessionOutbound> outbound,
      GatewayObserver observer,
      UpstreamSessionDirectory directory) {
    this(
        requireNonNull(session, "session"),
        upstream -> {
          UpstreamSession known = directory.find(session, upstream.name());
          // In a cluster an upstream session belongs to the client session, not to this node's
          // client: closing the client (this node stops) leaves it to the other nodes.
          Connection created =
              new Connection(upstream, session, outbound, known, !directory.clustered());
          try {
            created.open();
          } catch (RuntimeException e) {
            created.close();
            throw e;
          }
          observer.upstreamSessionOpened(upstream.name());
          return created;
        },
        connection -> {
          try {
            connection.close();
          } finally {
            observer.upstreamSessionClosed(connection.upstream().name());
          }
        },
        observer,
        requireNonNull(directory, "directory"),
        new ConcurrentHashMap<>(),
        new ConcurrentHashMap<>(),
        new ConcurrentHashMap<>());
  }

  private ClientLink(
      @Nullable Session session,
      Function<Upstream, Connection> opener,
      Consumer<Connection> closer,
      GatewayObserver observer,
      UpstreamSessionDirectory directory,
      Map<String, Route> tools,
      Map<String, Route> prompts,
      Map<String, String> resources) {
    this.observer = observer;
    this.session = session;
    this.opener = opener;
    this.closer = closer;
    this.directory = directory;
    this.tools = tools;
    this.prompts = prompts;
    this.resources = resources;
  }

  /**
   * The link of one sessionless request: its upstream sessions are leased ({@code lease}) and
   * handed back when the request ends ({@code giveBack}, from {@link #close()}); the names it
   * learns go to maps shared by all sessionless requests.
   */
  static ClientLink sessionless(
      Function<Upstream, Connection> lease,
      Consumer<Connection> giveBack,
      GatewayObserver observer,
      Map<String, Route> tools,
      Map<String, Route> prompts,
      Map<String, String> resources) {
    return new ClientLink(
        null, lease, giveBack, observer, UpstreamSessionDirectory.LOCAL, tools, prompts, resources);
  }

  /**
   * Creates links: once per client session, at its first request, so one lock for all sessions
   * costs nothing on the hot path and keeps two first requests from making two links.
   */
  private static final ReentrantLock CREATING = new ReentrantLock();

  /** The link of a session, created on first use. */
  static ClientLink of(
      Session session,
      Supplier<SessionOutbound> outbound,
      GatewayObserver observer,
      UpstreamSessionDirectory directory) {
    ClientLink link = session.attribute(KEY).orElse(null);
    if (link != null) {
      return link;
    }
    CREATING.lock();
    try {
      link = session.attribute(KEY).orElse(null);
      if (link == null) {
        link = new ClientLink(session, outbound, observer, directory);
        session.putAttribute(KEY, link);
      }
      return link;
    } finally {
      CREATING.unlock();
    }
  }

  /**
   * The upstream session of an upstream, on first use resumed if the client session has one already
   * (opened by another node, or by this node before its copy of the session was dropped), else
   * opened and initialized.
   *
   * @throws IllegalStateException if the client session was closed meanwhile
   * @throws dev.mcpkit.api.spi.StoreUnavailableException if a shared store cannot be reached
   */
  Connection connection(Upstream upstream) {
    Connection open = connections.get(upstream.name());
    if (open != null) {
      return open;
    }
    opening.lock();
    try {
      open = connections.get(upstream.name());
      if (open != null) {
        return open;
      }
      if (closed) {
        throw new IllegalStateException("the client session is closed");
      }
      Connection created = opener.apply(upstream);
      connections.put(upstream.name(), created);
      recordSessions();
      return created;
    } finally {
      opening.unlock();
    }
  }

  /**
   * The upstream session of an upstream if this node has it open already; never blocks.
   *
   * @return the connection, or {@code null} if {@link #connection} must open or resume it first
   */
  @Nullable Connection openConnection(Upstream upstream) {
    return connections.get(upstream.name());
  }

  /**
   * Forgets a connection that failed, so the next request opens (and probes) anew; closes it.
   *
   * @param failed the connection
   */
  void drop(Connection failed) {
    if (connections.remove(failed.upstream().name(), failed)) {
      try {
        failed.close();
      } catch (RuntimeException e) {
        LOG.debug("closing upstream {} failed", failed.upstream().name(), e);
      } finally {
        observer.upstreamSessionClosed(failed.upstream().name());
      }
    }
  }

  /** The upstream sessions opened so far. */
  List<Connection> openConnections() {
    return List.copyOf(connections.values());
  }

  /**
   * Records the upstream sessions in the session (again after an upstream re-initialized), by
   * upstream name, each as {@link UpstreamSession#toJson()}; entries of upstreams this node has not
   * opened (another node's) are kept.
   */
  void recordSessions() {
    Session session = this.session;
    if (session == null) {
      return;
    }
    JsonNode previous = session.attribute(UPSTREAM_SESSIONS).orElse(null);
    Recorded last = recorded;
    if (last != null && last.json() == previous && last.matches(connections)) {
      return; // every proxied call lands here: nothing to copy, compare or store (issue 16)
    }
    ObjectNode ids =
        previous instanceof ObjectNode object
            ? object.deepCopy()
            : JsonNodeFactory.instance.objectNode();
    Map<String, @Nullable UpstreamSession> sorted = new LinkedHashMap<>();
    connections.forEach((name, connection) -> sorted.put(name, connection.upstreamSession()));
    sorted.forEach(
        (name, upstreamSession) -> {
          if (upstreamSession == null) {
            ids.remove(name);
          } else {
            ids.set(name, upstreamSession.toJson());
          }
        });
    if (!ids.equals(previous)) {
      session.putAttribute(UPSTREAM_SESSIONS, ids);
      previous = ids;
    }
    recorded = previous == null ? null : new Recorded(previous, Map.copyOf(nonNull(sorted)));
  }

  /** The entries of a map whose value is not null. */
  private static Map<String, UpstreamSession> nonNull(Map<String, @Nullable UpstreamSession> map) {
    Map<String, UpstreamSession> kept = new LinkedHashMap<>();
    map.forEach(
        (name, upstreamSession) -> {
          if (upstreamSession != null) {
            kept.put(name, upstreamSession);
          }
        });
    return kept;
  }

  /**
   * Closes every upstream session (HTTP {@code DELETE}), or hands it back for a sessionless
   * request; later requests open none.
   */
  void close() {
    close(Map.of());
  }

  /**
   * Closes every upstream session (HTTP {@code DELETE}), also those of a cluster's other nodes that
   * this node knows of; later requests open none.
   *
   * @param byUpstream the upstreams by name, to end the sessions no client of this node holds
   */
  void close(Map<String, Upstream> byUpstream) {
    Map<String, UpstreamSession> toEnd = new LinkedHashMap<>();
    Session session = this.session;
    if (session != null && directory.clustered()) {
      JsonNode recorded = session.attribute(UPSTREAM_SESSIONS).orElse(null);
      if (recorded != null) {
        for (Map.Entry<String, JsonNode> entry : recorded.properties()) {
          UpstreamSession known = UpstreamSession.fromJson(entry.getValue());
          if (known != null) {
            toEnd.put(entry.getKey(), known);
          }
        }
      }
      connections.forEach(
          (name, connection) -> {
            UpstreamSession open = connection.upstreamSession();
            if (open != null) {
              toEnd.put(name, open);
            }
          });
    }
    detach();
    toEnd.forEach(
        (name, upstreamSession) -> {
          Upstream upstream = byUpstream.get(name);
          if (upstream == null) {
            return;
          }
          try {
            upstream.end(upstreamSession);
          } catch (RuntimeException e) {
            LOG.debug("ending the session of upstream {} failed", name, e);
          }
        });
  }

  /**
   * Closes this node's clients of the upstream sessions; later requests open none. Alone, that ends
   * the upstream sessions too; in a cluster it leaves them to the other nodes.
   */
  void detach() {
    opening.lock();
    try {
      closed = true;
    } finally {
      opening.unlock();
    }
    for (Connection connection : connections.values()) {
      try {
        closer.accept(connection);
      } catch (RuntimeException e) {
        LOG.debug("closing upstream {} failed", connection.upstream().name(), e);
      }
    }
    connections.clear();
  }
}
