package dev.mcpkit.session.internal;

import dev.mcpkit.api.ClientInfo;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One {@link ClientProfile} per distinct client (description and capabilities) of a manager, shared
 * by that client's sessions. A server sees a handful of client implementations over many sessions;
 * each {@code initialize} parses a fresh description and capability tree, which the session would
 * otherwise keep.
 *
 * <p>Bounded like {@link ClientInfoIntern}, so that clients cannot make it grow without limit: at
 * most {@link #MAX_ENTRIES} profiles, and only for capability trees of at most {@link #MAX_NODES}
 * nodes (the description is already bounded by {@code ClientInfoIntern}, which every description
 * passes first). Past either bound a session gets a profile of its own (24 bytes more for it, as if
 * there were no sharing): a client that fills the table costs the others the sharing, never
 * correctness.
 *
 * <p>Thread-safe, with the same exact bound under concurrency as {@link ClientInfoIntern}: the
 * count is raised before an insert and lowered only when none happened.
 */
final class ClientProfiles {
  /** Distinct profiles kept at most. */
  static final int MAX_ENTRIES = 256;

  /** Largest capability tree shared, in JSON nodes. */
  static final int MAX_NODES = 64;

  private final DefaultSessionManager manager;
  private final ClientInfoIntern clientInfos = new ClientInfoIntern();
  private final ClientProfile noClient;
  private final ConcurrentHashMap<Key, ClientProfile> shared = new ConcurrentHashMap<>();
  private final AtomicInteger count = new AtomicInteger();

  /** What makes two profiles the same: equal descriptions and equal capability trees. */
  private record Key(@Nullable ClientInfo clientInfo, @Nullable JsonNode capabilities) {}

  ClientProfiles(DefaultSessionManager manager) {
    this.manager = manager;
    this.noClient = new ClientProfile(manager, null, null);
  }

  /**
   * The profile of a client, shared when there is room for it.
   *
   * @param clientInfo the client's description, or {@code null}
   * @param capabilities the declared capabilities; an empty object is kept as none
   */
  ClientProfile of(@Nullable ClientInfo clientInfo, JsonNode capabilities) {
    ClientInfo info = clientInfos.intern(clientInfo);
    JsonNode declared = capabilities.isObject() && capabilities.isEmpty() ? null : capabilities;
    if (info == null && declared == null) {
      return noClient;
    }
    Key key = new Key(info, declared);
    ClientProfile existing = shared.get(key);
    if (existing != null) {
      return existing;
    }
    ClientProfile fresh = new ClientProfile(manager, info, declared);
    if ((declared != null && nodes(declared, MAX_NODES + 1) > MAX_NODES)
        || count.get() >= MAX_ENTRIES) {
      return fresh;
    }
    if (count.incrementAndGet() > MAX_ENTRIES) {
      count.decrementAndGet();
      return fresh;
    }
    existing = shared.putIfAbsent(key, fresh);
    if (existing != null) {
      count.decrementAndGet();
      return existing;
    }
    return fresh;
  }

  /** Profiles kept; for tests. */
  int size() {
    return shared.size();
  }

  /** Descriptions kept; for tests. */
  int clientInfos() {
    return clientInfos.size();
  }

  /** The nodes of a tree, counted up to {@code limit} (then {@code limit}). */
  private static int nodes(JsonNode node, int limit) {
    int total = 1;
    for (JsonNode child : node.values()) {
      if (total >= limit) {
        return limit;
      }
      total += nodes(child, limit - total);
    }
    return Math.min(total, limit);
  }
}
