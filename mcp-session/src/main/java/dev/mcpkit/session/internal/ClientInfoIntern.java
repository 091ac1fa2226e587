package dev.mcpkit.session.internal;

import dev.mcpkit.api.ClientInfo;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Shares one {@link ClientInfo} among the sessions of clients that describe themselves identically.
 * A server typically sees a handful of client implementations over many sessions, and each {@code
 * initialize} parses fresh strings: without sharing, every session keeps its own {@code ClientInfo}
 * and name and version strings (~100 bytes). Sharing is invisible to callers: {@code ClientInfo} is
 * an immutable record and the shared instance is {@code equals} to the one given.
 *
 * <p>Bounded twice, so that clients cannot make it grow without limit: at most {@link #MAX_ENTRIES}
 * distinct descriptions are kept, and only descriptions of at most {@link #MAX_CHARS} characters in
 * all. Entries are never evicted; once it is full, new descriptions are returned as given
 * (unshared, as if there were no intern). A client that fills it with junk first costs the others
 * the sharing, never correctness, and at most ~{@code MAX_ENTRIES * MAX_CHARS * 2} bytes.
 *
 * <p>Thread-safe, and the bound is exact under concurrency: {@link #count} is raised
 * <em>before</em> an entry is inserted and lowered again only when no entry was inserted, so the
 * map never holds more entries than {@code count}, and {@code count} never stays above {@code
 * MAX_ENTRIES}. {@link ConcurrentHashMap#putIfAbsent} elects one instance per description: every
 * caller with an equal description gets that instance, whichever thread inserted it.
 */
final class ClientInfoIntern {
  /** Distinct client descriptions kept at most. */
  static final int MAX_ENTRIES = 256;

  /** Longest description kept, in characters of name, version and title together. */
  static final int MAX_CHARS = 256;

  private final ConcurrentHashMap<ClientInfo, ClientInfo> shared = new ConcurrentHashMap<>();
  private final AtomicInteger count = new AtomicInteger();

  /**
   * Returns the shared instance equal to {@code info}, making {@code info} the shared one when
   * there is room for it, or {@code info} itself.
   */
  @Nullable ClientInfo intern(@Nullable ClientInfo info) {
    if (info == null) {
      return null;
    }
    ClientInfo existing = shared.get(info);
    if (existing != null) {
      return existing;
    }
    if (length(info) > MAX_CHARS || count.get() >= MAX_ENTRIES) {
      return info;
    }
    if (count.incrementAndGet() > MAX_ENTRIES) {
      count.decrementAndGet();
      return info;
    }
    existing = shared.putIfAbsent(info, info);
    if (existing != null) {
      count.decrementAndGet();
      return existing;
    }
    return info;
  }

  /** Descriptions kept; for tests. */
  int size() {
    return shared.size();
  }

  private static long length(ClientInfo info) {
    String title = info.title();
    return (long) info.name().length()
        + info.version().length()
        + (title == null ? 0 : title.length());
  }
}
