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
 * @param keepAlive in a cluster, how often a node resuming a retry another node forwarded to it
 *     says it is still at it
 * @param silence in a cluster, how long a node that forwarded a retry waits for the next word of
 *     the node resuming it; at least twice {@code keepAlive}
 */
public record SessionlessSettings(
    int maxIdleSessions,
    Duration idleTimeout,
    Duration inputTimeout,
    int maxParked,
    Duration keepAlive,
    Duration silence) {

  /**
   * 256 idle sessions for 5 minutes; 10,000 parked calls for 10 minutes; a word every 2 seconds
   * from a node resuming a forwarded retry, and 10 seconds of silence at most.
   */
  public static final SessionlessSettings DEFAULTS =
      new SessionlessSettings(
          256,
          Duration.ofMinutes(5),
          Duration.ofMinutes(10),
          10_000,
          Duration.ofSeconds(2),
          Duration.ofSeconds(10));

  /** Validates. */
  public SessionlessSettings {
    requireNonNull(idleTimeout, "idleTimeout");
    requireNonNull(inputTimeout, "inputTimeout");
    requireNonNull(keepAlive, "keepAlive");
    requireNonNull(silence, "silence");
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
    if (keepAlive.isNegative() || keepAlive.isZero()) {
      throw new IllegalArgumentException("keepAlive must be positive, got " + keepAlive);
    }
    if (silence.compareTo(keepAlive.multipliedBy(2)) < 0) {
      throw new IllegalArgumentException(
          "silence must be at least twice keepAlive (" + keepAlive + "), got " + silence);
    }
  }

  /**
   * These settings with other bounds of the upstream sessions.
   *
   * @param maxIdleSessions upstream sessions that may wait for the next request, at most
   * @param idleTimeout how long one may wait before it is closed upstream
   * @return the new settings
   */
  public SessionlessSettings withUpstreams(int maxIdleSessions, Duration idleTimeout) {
    return new SessionlessSettings(
        maxIdleSessions, idleTimeout, inputTimeout, maxParked, keepAlive, silence);
  }

  /**
   * These settings with another time a parked call waits.
   *
   * @param inputTimeout how long a parked upstream call waits for the client's retry
   * @return the new settings
   */
  public SessionlessSettings withInputTimeout(Duration inputTimeout) {
    return new SessionlessSettings(
        maxIdleSessions, idleTimeout, inputTimeout, maxParked, keepAlive, silence);
  }

  /**
   * These settings with other bounds of a forwarded retry.
   *
   * @param keepAlive how often a node resuming a forwarded retry says it is still at it
   * @param silence how long the node that forwarded it waits for the next word
   * @return the new settings
   */
  public SessionlessSettings withForwarding(Duration keepAlive, Duration silence) {
    return new SessionlessSettings(
        maxIdleSessions, idleTimeout, inputTimeout, maxParked, keepAlive, silence);
  }
}
