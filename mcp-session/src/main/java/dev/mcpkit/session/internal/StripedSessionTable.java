package dev.mcpkit.session.internal;

import dev.mcpkit.api.SessionId;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The session table: a power-of-two array of {@link Stripe}s, each an open-addressing table with
 * its own lock and timing wheel. A session's stripe is chosen by the top bits of its spread hash,
 * its slot within the stripe by the low bits, so the two choices are independent.
 *
 * <p>Thread-safe: all state lives in the stripes (see {@link Stripe} for the locking and the
 * argument why lock-free reads are correct). No operation holds more than one stripe lock at a
 * time, so stripes cannot deadlock with each other; callers never take a session's transition lock
 * while holding a stripe lock (the order is always session, then stripe).
 */
final class StripedSessionTable {
  private final Stripe[] stripes;

  StripedSessionTable(int stripeCount, ExpiryTiming timing, long nowMillis) {
    if (stripeCount < 1 || Integer.bitCount(stripeCount) != 1) {
      throw new IllegalArgumentException("stripes must be a power of two, was " + stripeCount);
    }
    stripes = new Stripe[stripeCount];
    for (int i = 0; i < stripeCount; i++) {
      stripes[i] = new Stripe(timing, nowMillis);
    }
  }

  /**
   * A session id's hash for the table: {@link SessionId#hashCode()}, which is already spread over
   * all 32 bits (the random bits of a minted id, or a mixed {@code String.hashCode} of any other),
   * so the stripe (top bits), the slot (low bits) and the transition lock (middle bits) are
   * independent choices.
   */
  static int spread(SessionId id) {
    return id.hashCode();
  }

  private Stripe stripeFor(int hash) {
    // Multiply-shift: the top log2(stripes) bits of the hash; 0 when there is one stripe.
    return stripes[(int) (((hash & 0xFFFF_FFFFL) * stripes.length) >>> 32)];
  }

  @Nullable ManagedSession get(SessionId id) {
    int hash = spread(id);
    return stripeFor(hash).get(id, hash);
  }

  @Nullable ManagedSession insert(ManagedSession session) {
    return stripeFor(session.hash()).insert(session);
  }

  boolean remove(ManagedSession session) {
    return stripeFor(session.hash()).remove(session);
  }

  void reschedule(ManagedSession session) {
    stripeFor(session.hash()).reschedule(session);
  }

  Stripe[] stripes() {
    return stripes;
  }

  List<ManagedSession> snapshot() {
    List<ManagedSession> out = new ArrayList<>(size());
    for (Stripe stripe : stripes) {
      stripe.snapshot(out);
    }
    return out;
  }

  int size() {
    int total = 0;
    for (Stripe stripe : stripes) {
      total += stripe.size();
    }
    return total;
  }
}
