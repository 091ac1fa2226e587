package dev.mcpkit.session.internal;

import dev.mcpkit.api.ClientLimits;
import dev.mcpkit.api.SessionAdmissionException;
import java.security.Principal;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The per-client side of admission ({@link ClientLimits}): a token bucket and a session count per
 * client, where a client is its principal's name when authenticated, else its remote address.
 * Sessions without either (an in-process caller) are not counted.
 *
 * <p>A token bucket of its own rather than Bucket4j: the rate state must live in the same entry as
 * the session count (one map, one bound, one atomic step for "count, then take a token"), which is
 * about thirty lines; a library would add a second map keyed the same way and a dependency.
 *
 * <p><b>Thread-safety.</b> Every method may be called from any thread. An entry's fields are read
 * and written only inside {@link ConcurrentHashMap#compute}/{@code computeIfPresent} for its key,
 * which run atomically per key (under the map's bin lock, which also publishes the writes to the
 * next caller for that key), so "check the count, check the bucket, take a token, count the
 * session" is one indivisible step and concurrent creators of one client can never exceed its cap.
 * An entry is removed only inside such a step, and only when it counts no session; so the entry a
 * session was counted on stays mapped until that session is released, and {@link #release} always
 * finds it (it checks identity anyway). The functions never block (no I/O, no other lock).
 *
 * <p><b>Memory.</b> Entries that count sessions are bounded by the session limits. The others (a
 * client that came and went, or a flood from many addresses) are pruned when the map reaches {@code
 * maxTrackedClients}: first those whose bucket is full again (they carry no state a new entry would
 * not), then, if that was not enough, every entry without sessions (losing some rate history, never
 * a count). The next prune waits until the map has doubled since, so pruning costs amortized O(1)
 * per new client however many entries hold sessions.
 */
final class ClientAdmission {
  /** Tokens are counted in thousandths, so a fractional rate refills in integer steps. */
  private static final long ONE_TOKEN = 1_000;

  private final ClientLimits limits;
  private final boolean unlimited;
  private final long capacity;

  /** Thousandths of a token per millisecond, i.e. tokens per second. */
  private final double refillPerMilli;

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

  /** The map size that triggers the next prune; raised after a prune that could not shrink it. */
  private final AtomicInteger pruneAt;

  /** Whether a prune is running; one at a time, the others do not wait for it. */
  private final AtomicInteger pruning = new AtomicInteger();

  ClientAdmission(ClientLimits limits) {
    this.limits = limits;
    this.unlimited = limits.isUnlimited();
    this.capacity = limits.burst() * ONE_TOKEN;
    this.refillPerMilli = limits.sessionsPerSecond();
    this.pruneAt = new AtomicInteger(limits.maxTrackedClients());
  }

  /** One client's bucket and session count; guarded by the map's per-key atomicity (see above). */
  static final class Entry {
    final String key;
    long tokens;
    long refilledAt;
    int sessions;

    Entry(String key, long tokens, long now) {
      this.key = key;
      this.tokens = tokens;
      this.refilledAt = now;
    }
  }

  /**
   * The outcome of {@link #admit}: the entry that counts the new session (or {@code null} if it is
   * not counted), or why it was refused and when to try again.
   */
  record Admission(
      @Nullable Entry entry,
      SessionAdmissionException.@Nullable Reason refused,
      long retryAfterMillis) {
    static final Admission UNCOUNTED = new Admission(null, null, 0);
  }

  /** The key of a client: its principal when authenticated, else its address; or {@code null}. */
  static @Nullable String keyOf(@Nullable Principal principal, @Nullable String address) {
    if (principal != null) {
      return "principal:" + principal.getName();
    }
    return address == null ? null : "address:" + address;
  }

  /**
   * Counts a new session of a client if its limits allow: first its session cap (no token is spent
   * on a refusal for that), then one token of its bucket.
   */
  Admission admit(@Nullable Principal principal, @Nullable String address, long now) {
    if (unlimited) {
      return Admission.UNCOUNTED;
    }
    String key = keyOf(principal, address);
    if (key == null) {
      return Admission.UNCOUNTED;
    }
    if (entries.size() >= pruneAt.get()) {
      prune(now);
    }
    Admission[] out = new Admission[1];
    entries.compute(
        key,
        (k, entry) -> {
          Entry e = entry != null ? entry : new Entry(k, capacity, now);
          refill(e, now);
          if (e.sessions >= limits.maxSessionsPerClient()) {
            out[0] =
                new Admission(
                    null,
                    SessionAdmissionException.Reason.CLIENT_SESSIONS,
                    SessionAdmissionException.DEFAULT_RETRY_AFTER.toMillis());
          } else if (e.tokens < ONE_TOKEN) {
            long wait = (long) Math.ceil((ONE_TOKEN - e.tokens) / refillPerMilli);
            out[0] = new Admission(null, SessionAdmissionException.Reason.CLIENT_RATE, wait);
          } else {
            e.tokens -= ONE_TOKEN;
            e.sessions++;
            out[0] = new Admission(e, null, 0);
          }
          return e;
        });
    return out[0];
  }

  private void refill(Entry e, long now) {
    long elapsed = now - e.refilledAt;
    if (elapsed <= 0) {
      return;
    }
    e.refilledAt = now;
    if (e.tokens >= capacity) {
      return;
    }
    double added = elapsed * refillPerMilli; // infinite for an infinite rate: then full
    e.tokens = added >= capacity - e.tokens ? capacity : e.tokens + (long) added;
  }

  /** Stops counting a session of the client of {@code entry}; once per admitted session. */
  void release(Entry entry) {
    entries.computeIfPresent(
        entry.key,
        (k, e) -> {
          if (e == entry && e.sessions > 0) {
            e.sessions--;
          }
          return e;
        });
  }

  /** Drops entries without sessions (see the class comment); one pruner at a time. */
  private void prune(long now) {
    if (!pruning.compareAndSet(0, 1)) {
      return;
    }
    try {
      for (String key : entries.keySet()) {
        entries.computeIfPresent(
            key,
            (k, e) -> {
              if (e.sessions > 0) {
                return e;
              }
              refill(e, now);
              return e.tokens >= capacity ? null : e;
            });
      }
      if (entries.size() >= limits.maxTrackedClients()) {
        for (String key : entries.keySet()) {
          entries.computeIfPresent(key, (k, e) -> e.sessions > 0 ? e : null);
        }
      }
      pruneAt.set(
          (int)
              Math.min(
                  Integer.MAX_VALUE,
                  Math.max((long) limits.maxTrackedClients(), 2L * entries.size())));
    } finally {
      pruning.set(0);
    }
  }

  /** Clients tracked now (tests). */
  int tracked() {
    return entries.size();
  }

  /** Sessions counted for the client of this key, or 0 (tests). */
  int sessionsOf(String key) {
    int[] out = new int[1];
    entries.computeIfPresent(
        key,
        (k, e) -> {
          out[0] = e.sessions;
          return e;
        });
    return out[0];
  }

  /** Sessions counted over all clients (tests). */
  int totalSessions() {
    int total = 0;
    for (String key : entries.keySet()) {
      total += sessionsOf(key);
    }
    return total;
  }
}
