package dev.mcpkit.session.internal.protocol;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.AttributeKey;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.SessionState;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.spi.transport.SessionOutbound;
import dev.mcpkit.session.internal.AutoLock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resource subscriptions of every session, and the session-based audience of {@link
 * ServerChange}s: each goes to the sessions that want it, on their server-initiated stream.
 *
 * <p>Each session's subscribed URIs live in a set kept as a session attribute (node-local: the
 * value is not JSON, so it does not travel to a store). That makes "subscriptions die with the
 * session" hold by construction: a closed session is no longer visited by {@link
 * SessionManager#forEach}, and its set goes with it; there is no global index to clean up and
 * nothing to leak. The price is that publishing an update visits every live session, O(live) per
 * update, which is fine for updates (rare, and far cheaper than the network writes they cause); an
 * index by URI can come later if profiles say so.
 *
 * <p>Thread-safe. The per-session sets are concurrent; creating one is the only compound action (a
 * check then a put on the session's attributes) and runs under one of a few striped locks, taken
 * only on a session's first subscription.
 */
@SuppressWarnings("try") // try (AutoLock ignored = ...): the resource is the held lock
public final class Subscriptions implements ServerChange.Audience {
  private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);
  private static final AttributeKey<UriSet> KEY =
      AttributeKey.of("mcp.resources.subscriptions", UriSet.class);
  private static final int LOCK_STRIPES = 16;

  /**
   * A session's subscribed URIs. A named type so that the attribute key is typed and node-local.
   */
  static final class UriSet {
    final Set<String> uris = ConcurrentHashMap.newKeySet();
  }

  private final SessionManager sessions;
  private final AutoLock[] locks = new AutoLock[LOCK_STRIPES];
  // Written once by the transport at start (or replaced later) and read on every publication from
  // any thread; volatile is enough, there is no compound action on it.
  private volatile SessionOutbound outbound = SessionOutbound.DISCARD;

  public Subscriptions(SessionManager sessions) {
    this.sessions = requireNonNull(sessions, "sessions");
    for (int i = 0; i < LOCK_STRIPES; i++) {
      locks[i] = new AutoLock();
    }
  }

  public void attach(SessionOutbound outbound) {
    this.outbound = requireNonNull(outbound, "outbound");
  }

  /** Subscribes a session to a URI; idempotent. */
  void subscribe(Session session, String uri) {
    UriSet set = session.attribute(KEY).orElse(null);
    if (set == null) {
      AutoLock lock = locks[(session.id().hashCode() & 0x7fff_ffff) % LOCK_STRIPES];
      try (AutoLock ignored = lock.lock()) {
        set = session.attribute(KEY).orElse(null);
        if (set == null) {
          set = new UriSet();
          session.putAttribute(KEY, set);
        }
      }
    }
    set.uris.add(uri);
  }

  /** Unsubscribes a session from a URI; idempotent. */
  void unsubscribe(Session session, String uri) {
    session.attribute(KEY).ifPresent(set -> set.uris.remove(uri));
  }

  /** Tells whether a session is subscribed to a URI. */
  static boolean isSubscribed(@Nullable Session session, String uri) {
    return session != null
        && session.attribute(KEY).map(set -> set.uris.contains(uri)).orElse(false);
  }

  /**
   * Sends a change on the GET stream of every active session that wants it: a resource update to
   * the sessions subscribed to its URI, a list change to all of them, except a tool list change,
   * which no session hears (a session's tools are fixed when the server is built).
   */
  @Override
  public int publish(ServerChange change) {
    return switch (change) {
      case ServerChange.ResourceUpdated updated ->
          deliver(updated.notification(), session -> isSubscribed(session, updated.uri()));
      case ServerChange.ListChanged list ->
          list == ServerChange.ListChanged.TOOLS
              ? 0
              : deliver(list.notification(), session -> true);
    };
  }

  private int deliver(JsonRpcNotification notification, Predicate<Session> wanted) {
    SessionOutbound channel = outbound;
    AtomicInteger delivered = new AtomicInteger();
    sessions.forEach(
        session -> {
          // Only sessions past the handshake: before notifications/initialized the server sends
          // nothing but pings and logging, and a draining or closing session is on its way out.
          if (session.state() != SessionState.ACTIVE || !wanted.test(session)) {
            return;
          }
          try {
            if (channel.send(session, notification)) {
              delivered.incrementAndGet();
            }
          } catch (RuntimeException e) {
            // One broken stream must not keep the others from their notification.
            LOG.debug("{} to session {} failed", notification.method(), session.id(), e);
          }
        });
    return delivered.get();
  }
}
