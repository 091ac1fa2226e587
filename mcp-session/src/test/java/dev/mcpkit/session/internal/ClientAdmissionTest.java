package dev.mcpkit.session.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.ClientLimits;
import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.SessionAdmissionException;
import dev.mcpkit.api.SessionAdmissionException.Reason;
import dev.mcpkit.api.SessionInit;
import dev.mcpkit.api.SessionPolicy;
import dev.mcpkit.api.SessionPolicy.AdmissionPolicy;
import dev.mcpkit.session.SessionManagers;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/** Per-client admission: the rate, the session cap, the keys, and the bounded tracking. */
class ClientAdmissionTest {
  private final ManualClock clock = new ManualClock();
  private final RecordingListener events = new RecordingListener();
  private final List<DefaultSessionManager> managers = new ArrayList<>();

  @AfterEach
  void tearDown() {
    managers.forEach(m -> m.shutdown(Duration.ZERO));
  }

  private DefaultSessionManager manager(ClientLimits limits, AdmissionPolicy admission) {
    DefaultSessionManager m =
        (DefaultSessionManager)
            SessionManagers.builder()
                .policy(
                    SessionPolicy.builder()
                        .idleTimeout(Duration.ofMinutes(10))
                        .maxSessions(10_000)
                        .handshakeTimeout(Duration.ofSeconds(10))
                        .admissionPolicy(admission)
                        .clientLimits(limits)
                        .build())
                .clock(clock)
                .listener(events)
                .stripes(4)
                .expiryInterval(Duration.ZERO)
                .build();
    managers.add(m);
    return m;
  }

  private DefaultSessionManager manager(ClientLimits limits) {
    return manager(limits, AdmissionPolicy.REJECT_NEW);
  }

  private static Session create(
      DefaultSessionManager m, @Nullable String address, @Nullable Principal principal) {
    return m.create(
        new SessionInit(
            ProtocolVersion.latest(),
            null,
            JsonNodeFactory.instance.objectNode(),
            principal,
            address));
  }

  private static Session create(DefaultSessionManager m, String address) {
    return create(m, address, null);
  }

  @Test
  void theBurstIsAdmittedThenTheRateWithARetryHint() {
    DefaultSessionManager m = manager(ClientLimits.builder().sessionsPerSecond(2).burst(3).build());
    for (int i = 0; i < 3; i++) {
      create(m, "10.0.0.1");
    }
    assertThatThrownBy(() -> create(m, "10.0.0.1"))
        .isInstanceOfSatisfying(
            SessionAdmissionException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.CLIENT_RATE);
              assertThat(e.isClientLimit()).isTrue();
              assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(500));
            });
    create(m, "10.0.0.2"); // another client is not affected

    clock.advance(Duration.ofMillis(499));
    assertThatThrownBy(() -> create(m, "10.0.0.1")).isInstanceOf(SessionAdmissionException.class);
    clock.advance(Duration.ofMillis(1));
    create(m, "10.0.0.1");
    assertThat(events.rejections).containsExactly(Reason.CLIENT_RATE, Reason.CLIENT_RATE);
  }

  @Test
  void theSessionCapCountsLiveSessionsAndEveryKindOfCloseReleasesOne() {
    DefaultSessionManager m =
        manager(
            ClientLimits.builder()
                .sessionsPerSecond(Double.POSITIVE_INFINITY)
                .maxSessionsPerClient(3)
                .build());
    Session timedOut = create(m, "10.0.0.1");
    Session deleted = create(m, "10.0.0.1");
    Session established = create(m, "10.0.0.1");
    EngineSession.of(established).activate();
    assertThatThrownBy(() -> create(m, "10.0.0.1"))
        .isInstanceOfSatisfying(
            SessionAdmissionException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.CLIENT_SESSIONS));

    deleted.close(CloseReason.CLIENT_REQUEST);
    Session replacement = create(m, "10.0.0.1");
    clock.advance(Duration.ofSeconds(10)); // timedOut and replacement miss their handshake
    assertThat(m.cleanUp()).isEqualTo(2);
    assertThat(timedOut.closeReason()).contains(CloseReason.HANDSHAKE_TIMEOUT);
    assertThat(replacement.closeReason()).contains(CloseReason.HANDSHAKE_TIMEOUT);
    assertThat(m.clients().sessionsOf("address:10.0.0.1")).isEqualTo(1);

    clock.advance(Duration.ofMinutes(10));
    m.cleanUp();
    assertThat(established.closeReason()).contains(CloseReason.IDLE_EXPIRED);
    assertThat(m.clients().totalSessions()).isZero();
  }

  @Test
  void anAuthenticatedClientIsCountedByPrincipalWhateverItsAddress() {
    DefaultSessionManager m = manager(ClientLimits.builder().sessionsPerSecond(1).burst(2).build());
    Principal alice = new NamedPrincipal("alice");
    create(m, "10.0.0.1", alice);
    create(m, "10.0.0.2", alice);
    assertThatThrownBy(() -> create(m, "10.0.0.3", alice))
        .isInstanceOfSatisfying(
            SessionAdmissionException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.CLIENT_RATE));
    create(m, "10.0.0.1"); // the address itself, anonymous, is another client
    assertThat(m.clients().sessionsOf("principal:alice")).isEqualTo(2);
  }

  @Test
  void sessionsWithoutAClientKeyAreNotCounted() {
    DefaultSessionManager m = manager(ClientLimits.builder().burst(1).build());
    for (int i = 0; i < 5; i++) {
      m.create(SessionInit.of(ProtocolVersion.latest()));
    }
    assertThat(m.clients().tracked()).isZero();
  }

  @Test
  void refusalsFurtherOnGiveTheClientCountBack() {
    DefaultSessionManager m =
        (DefaultSessionManager)
            SessionManagers.builder()
                .policy(
                    SessionPolicy.builder()
                        .maxSessions(10)
                        .maxPendingHandshakes(1)
                        .clientLimits(ClientLimits.builder().maxSessionsPerClient(5).build())
                        .build())
                .clock(clock)
                .expiryInterval(Duration.ZERO)
                .build();
    managers.add(m);
    create(m, "10.0.0.1");
    for (int i = 0; i < 10; i++) {
      assertThatThrownBy(() -> create(m, "10.0.0.1"))
          .isInstanceOfSatisfying(
              SessionAdmissionException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.HANDSHAKE_POOL_FULL));
    }
    assertThat(m.clients().sessionsOf("address:10.0.0.1")).isEqualTo(1);
  }

  @Test
  void aFloodFromManyAddressesKeepsTheTrackingBounded() {
    int cap = 100;
    DefaultSessionManager m =
        manager(
            ClientLimits.builder().sessionsPerSecond(1).burst(1).maxTrackedClients(cap).build());
    for (int i = 0; i < 5_000; i++) {
      create(m, "10.1." + (i / 256) + "." + (i % 256)).close(CloseReason.CLIENT_REQUEST);
      assertThat(m.clients().tracked()).isLessThanOrEqualTo(cap + 1);
    }
    // Clients holding sessions are never dropped, however many: the session limits bound them.
    List<Session> held = new ArrayList<>();
    for (int i = 0; i < 3 * cap; i++) {
      held.add(create(m, "10.2." + (i / 256) + "." + (i % 256)));
    }
    assertThat(m.clients().totalSessions()).isEqualTo(3 * cap);
    held.forEach(s -> s.close(CloseReason.CLIENT_REQUEST));
    assertThat(m.clients().totalSessions()).isZero();
  }

  @Test
  void theLimitsBuilderValidatesEagerly() {
    assertThat(ClientLimits.defaults()).isEqualTo(new ClientLimits(20, 40, 1_000, 100_000));
    assertThat(ClientLimits.unlimited().isUnlimited()).isTrue();
    assertThat(ClientLimits.defaults().isUnlimited()).isFalse();
    assertThatThrownBy(() -> ClientLimits.builder().sessionsPerSecond(0))
        .hasMessageContaining("sessionsPerSecond");
    assertThatThrownBy(() -> ClientLimits.builder().sessionsPerSecond(Double.NaN))
        .hasMessageContaining("sessionsPerSecond");
    assertThatThrownBy(() -> ClientLimits.builder().burst(0)).hasMessageContaining("burst");
    assertThatThrownBy(() -> ClientLimits.builder().maxSessionsPerClient(-1))
        .hasMessageContaining("maxSessionsPerClient");
    assertThatThrownBy(() -> ClientLimits.builder().maxTrackedClients(0))
        .hasMessageContaining("maxTrackedClients");
  }
}
