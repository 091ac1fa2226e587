package dev.mcpkit.session.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.SessionInit;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.SessionPolicy;
import dev.mcpkit.session.SessionManagers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Drives the table (growth, backward-shift deletion, the wheel's O(1) unlink) through random
 * inserts and removals and compares every lookup with a plain map.
 */
class StripedSessionTableTest {

  @ParameterizedTest(name = "{0} stripes")
  @ValueSource(ints = {1, 2, 16})
  void lookupsAgreeWithAModelThroughGrowthAndDeletion(int stripes) {
    ManualClock clock = new ManualClock();
    SessionManager manager =
        SessionManagers.builder()
            .policy(
                SessionPolicy.builder()
                    .maxSessions(100_000)
                    // The table's sessions stay pending: a pool and a timeout they never meet.
                    .maxPendingHandshakes(100_000)
                    .handshakeTimeout(SessionPolicy.DEFAULT_IDLE_TIMEOUT)
                    .build())
            .clock(clock)
            .stripes(stripes)
            .expiryInterval(Duration.ZERO)
            .build();
    Map<SessionId, Session> model = new HashMap<>();
    List<Session> all = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(7 + stripes);
    try {
      for (int round = 0; round < 20_000; round++) {
        if (model.isEmpty() || random.nextInt(100) < 60) {
          Session s = manager.create(SessionInit.of(ProtocolVersion.latest()));
          model.put(s.id(), s);
          all.add(s);
        } else {
          Session victim = all.get(random.nextInt(all.size()));
          boolean live = model.remove(victim.id()) != null;
          assertThat(manager.close(victim.id(), CloseReason.CLIENT_REQUEST)).isEqualTo(live);
        }
        if (round % 1_000 == 0) {
          assertAgrees(manager, model, all);
        }
      }
      assertAgrees(manager, model, all);
      assertThat(manager.lookup(SessionIdGenerator.next())).isNull();

      // Every closed session left the wheels too: only the live ones expire.
      clock.advance(SessionPolicy.DEFAULT_IDLE_TIMEOUT);
      assertThat(manager.cleanUp()).isEqualTo(model.size());
      assertThat(manager.size()).isZero();
    } finally {
      manager.shutdown(Duration.ZERO);
    }
  }

  private static void assertAgrees(
      SessionManager manager, Map<SessionId, Session> model, List<Session> all) {
    assertThat(manager.size()).isEqualTo(model.size());
    for (Session s : all) {
      assertThat(manager.lookup(s.id())).isSameAs(model.get(s.id()));
    }
  }
}
