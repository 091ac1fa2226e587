package dev.mcpkit.examples;

import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.SessionInit;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.SessionPolicy;
import dev.mcpkit.session.SessionManagers;
import java.time.Duration;

/**
 * Shows the session engine on its own: sessions are created, activated, kept alive by touches,
 * expired when idle, closed by a client and finally drained by a graceful shutdown — every
 * transition printed by a listener. Runs for about five seconds.
 */
public final class SessionEngineDemo {
  private SessionEngineDemo() {}

  /**
   * Runs the demo.
   *
   * @param args ignored
   * @throws InterruptedException if interrupted while waiting for expiry
   */
  public static void main(String[] args) throws InterruptedException {
    SessionPolicy policy =
        SessionPolicy.builder()
            .idleTimeout(Duration.ofSeconds(2))
            .maxLifetime(Duration.ofMinutes(1))
            .maxSessions(100)
            .touchGranularity(Duration.ofMillis(100))
            .build();
    try (SessionManager sessions =
        SessionManagers.builder()
            .policy(policy)
            .expiryInterval(Duration.ofMillis(200))
            .listener(
                event ->
                    System.out.printf(
                        "%-30s %-12s -> %-12s %s%n",
                        event.session().id(),
                        event.from() == null ? "(new)" : event.from(),
                        event.to(),
                        event.closeReason() == null ? "" : event.closeReason()))
            .build()) {
      Session kept = sessions.create(SessionInit.of(ProtocolVersion.latest()));
      Session idle = sessions.create(SessionInit.of(ProtocolVersion.V2025_06_18));
      Session deleted = sessions.create(SessionInit.of(ProtocolVersion.V2025_03_26));
      // Without an MCP engine, the application completes the handshakes itself.
      sessions.activate(kept.id());
      sessions.activate(idle.id());
      sessions.activate(deleted.id());

      sessions.close(deleted.id(), CloseReason.CLIENT_REQUEST);

      // Keep one session busy for four seconds; the other goes idle and expires after two.
      long end = System.nanoTime() + Duration.ofSeconds(4).toNanos();
      while (System.nanoTime() < end) {
        sessions.touch(kept.id());
        Thread.sleep(250);
      }
      System.out.println("live sessions before shutdown: " + sessions.size());
    }
    System.out.println("shut down");
  }
}
