package dev.mcpkit.gateway.internal;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The bounds of what the gateway keeps for sessionless (2026-07-28) clients.
 *
 * @param maxIdleSessions upstream sessions that may wait for the next request, at most
 * @param idleTimeout how long one may wait before it is closed upstream
 * @param inputTimeout how long a parked upstream call waits for the client's retry
 * @param maxParked how many upstream calls may be parked at once
 */
public record SessionlessSettings(
    int maxIdleSessions, Duration idleTimeout, Duration inputTimeout, int maxParked) {

  /** 256 idle sessions for 5 minutes; 10,000 parked calls for 10 minutes. */
  public static final SessionlessSettings DEFAULTS =
      new SessionlessSettings(256, Duration.ofMinutes(5), Duration.ofMinutes(10), 10_000);

  /** Validates. */
  public SessionlessSettings {
    requireNonNull(idleTimeout, "idleTimeout");
    requireNonNull(inputTimeout, "inputTimeout");
    if (maxIdleSessions < 0) {
      throw new IllegalArgumentException("maxIdleSessions must not be negative");
    }
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout must be positive, got " + idleTimeout);
    }
    if (inputTimeout.isNegative() || inputTimeout.isZero()) {
      throw new IllegalArgumentException("inputTimeout must be positive, got " + inputTimeout);
    }
    if (maxParked < 1) {
      throw new IllegalArgumentException("maxParked must be positive, got " + maxParked);
    }
  }
}
