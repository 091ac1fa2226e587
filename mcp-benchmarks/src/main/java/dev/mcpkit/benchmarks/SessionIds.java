package dev.mcpkit.benchmarks;

import dev.mcpkit.api.SessionId;
import java.util.UUID;

/**
 * Mints ids for the baselines the way servers built on the official SDKs do ({@code
 * UUID.randomUUID()}, i.e. {@code SecureRandom}), so that churn compares like with like: mcpkit
 * also draws its ids from {@code SecureRandom}.
 */
final class SessionIds {
  private SessionIds() {}

  static SessionId next() {
    return SessionId.of(UUID.randomUUID().toString());
  }
}
