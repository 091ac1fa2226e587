package dev.mcpkit.gateway.internal;

import dev.mcpkit.api.Session;
import dev.mcpkit.api.spi.SessionRecord;
import dev.mcpkit.api.spi.SessionStore;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Where a gateway node finds the upstream sessions a client session already has, when it has none
 * open for an upstream itself. Alone, a node has only its own copy of the client session, whose
 * attributes it wrote. In a cluster (a {@link SessionStore} shared by the nodes) another node may
 * have opened the upstream session since this node's copy was loaded, so the record is read from
 * the store: a node that serves a client session for the first time, or after a node that served it
 * died, resumes the upstream sessions the other nodes opened instead of initializing new ones.
 *
 * <p>One store read per client session, upstream and node, at the first request of that session to
 * that upstream on that node; none afterwards. Thread-safe: immutable.
 */
public final class UpstreamSessionDirectory {
  /** A node alone: the client session's own attributes are the whole truth. */
  public static final UpstreamSessionDirectory LOCAL = new UpstreamSessionDirectory(null);

  private final @Nullable SessionStore store;

  private UpstreamSessionDirectory(@Nullable SessionStore store) {
    this.store = store;
  }

  /**
   * A directory of nodes that share a session store.
   *
   * @param store the store the nodes' session managers share
   * @return the directory
   */
  public static UpstreamSessionDirectory shared(SessionStore store) {
    return new UpstreamSessionDirectory(java.util.Objects.requireNonNull(store, "store"));
  }

  /**
   * Whether nodes share the client sessions: upstream sessions then outlive a node's copy of a
   * client session (a node that stops leaves them to the others) and end only with the session.
   */
  boolean clustered() {
    return store != null;
  }

  /**
   * The upstream session the client session has for an upstream, as the freshest record says.
   *
   * @throws dev.mcpkit.api.spi.StoreUnavailableException if the shared store cannot be reached
   */
  @Nullable UpstreamSession find(Session session, String upstream) {
    JsonNode sessions = session.attribute(ClientLink.UPSTREAM_SESSIONS).orElse(null);
    UpstreamSession local =
        sessions == null ? null : UpstreamSession.fromJson(sessions.get(upstream));
    if (store == null) {
      return local;
    }
    Optional<SessionRecord> record = store.load(session.id());
    JsonNode stored =
        record.map(r -> r.attributes().get(ClientLink.UPSTREAM_SESSIONS.name())).orElse(null);
    UpstreamSession shared = stored == null ? null : UpstreamSession.fromJson(stored.get(upstream));
    return shared != null ? shared : local;
  }
}
