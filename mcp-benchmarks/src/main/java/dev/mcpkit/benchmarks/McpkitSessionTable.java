package dev.mcpkit.benchmarks;

import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.SessionInit;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.SessionPolicy;
import dev.mcpkit.session.SessionManagers;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * mcpkit's session manager, built through the public builder as a user would, optionally with
 * {@code McpMetrics}' session listener installed. Thread-safe.
 */
final class McpkitSessionTable implements SessionTable {
  /** One init for every session, so the benchmark measures the table, not JSON node creation. */
  private static final SessionInit INIT = SessionInit.of(ProtocolVersion.latest());

  private final SessionManager manager;
  private final @Nullable Telemetry telemetry;

  McpkitSessionTable(Config config, @Nullable Telemetry telemetry) {
    this.telemetry = telemetry;
    SessionPolicy policy =
        SessionPolicy.builder()
            .idleTimeout(config.idleTimeout())
            // Lifetime must not interfere with idle expiry under the benchmark's moving clock.
            .maxLifetime(Duration.ofDays(3650))
            .maxSessions(config.maxSessions())
            .build();
    SessionManagers.Builder builder =
        SessionManagers.builder().policy(policy).clock(config.clock());
    if (telemetry != null) {
      builder.listener(telemetry.metrics().sessionListener());
    }
    if (config.manualTime()) {
      builder.expiryInterval(Duration.ZERO);
    }
    this.manager = builder.build();
  }

  @Override
  public SessionId create() {
    // Established sessions, as the engine leaves them after notifications/initialized: pending
    // handshakes live in their own small pool with a short timeout.
    SessionId id = manager.create(INIT).id();
    manager.activate(id);
    return id;
  }

  @Override
  public @Nullable Object touch(SessionId id) {
    return manager.touch(id);
  }

  @Override
  public boolean terminate(SessionId id) {
    return manager.close(id, CloseReason.CLIENT_REQUEST);
  }

  @Override
  public int expire() {
    return manager.cleanUp();
  }

  @Override
  public int size() {
    return manager.size();
  }

  @Override
  public void close() {
    manager.shutdown(Duration.ofSeconds(10));
    if (telemetry != null) {
      telemetry.close();
    }
  }
}
