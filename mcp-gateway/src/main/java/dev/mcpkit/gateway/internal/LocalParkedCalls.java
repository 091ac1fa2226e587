package dev.mcpkit.gateway.internal;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * {@link ParkedCalls} in this process's memory, each with a timer that cancels it when the client
 * does not come back in time. Bounded: {@code maxParked} calls at most.
 *
 * <p>Thread-safe: a concurrent map whose {@code remove} decides who gets a parked call, exactly
 * once: a retry made on this node, one another node forwarded here ({@link ForwardedResumes}), or
 * the timer.
 */
final class LocalParkedCalls implements ParkedCalls {
  private record Parked(PendingCall call, ScheduledFuture<?> timer) {}

  private final Map<String, Parked> parked = new ConcurrentHashMap<>();
  private final Duration timeout;
  private final int maxParked;
  private final ScheduledExecutorService timers =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("gateway-parked-calls").factory());

  /**
   * @param timeout how long a call waits for the client's retry
   * @param maxParked how many calls may wait at once
   */
  LocalParkedCalls(Duration timeout, int maxParked) {
    this.timeout = requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    if (maxParked < 1) {
      throw new IllegalArgumentException("maxParked must be positive, got " + maxParked);
    }
    this.maxParked = maxParked;
  }

  @Override
  public void park(PendingCall call) {
    if (parked.size() >= maxParked) {
      throw new IllegalStateException("too many calls wait for their clients");
    }
    String id = call.id();
    ScheduledFuture<?> timer =
        timers.schedule(() -> expire(id), timeout.toNanos(), TimeUnit.NANOSECONDS);
    parked.put(id, new Parked(call, timer));
  }

  private void expire(String id) {
    Parked gone = parked.remove(id);
    if (gone != null) {
      gone.call().cancel("the client did not answer within " + timeout);
    }
  }

  @Override
  public @Nullable PendingCall resume(String id) {
    Parked found = parked.remove(id);
    if (found == null) {
      return null;
    }
    found.timer().cancel(false);
    return found.call();
  }

  @Override
  public void close() {
    timers.shutdownNow();
    for (String id : Map.copyOf(parked).keySet()) {
      Parked gone = parked.remove(id);
      if (gone != null) {
        gone.call().cancel("the gateway is stopping");
      }
    }
  }
}
