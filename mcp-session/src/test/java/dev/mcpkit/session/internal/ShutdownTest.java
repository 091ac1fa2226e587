package dev.mcpkit.session.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.SessionAdmissionException;
import dev.mcpkit.api.SessionInit;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.SessionState;
import dev.mcpkit.session.SessionManagers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ShutdownTest {
  private final RecordingListener events = new RecordingListener();
  private final SessionManager manager =
      SessionManagers.builder()
          .clock(new ManualClock())
          .listener(events)
          .expiryInterval(Duration.ofMillis(50)) // a real expiry thread, which shutdown must stop
          .build();

  @AfterEach
  void tearDown() {
    manager.shutdown(Duration.ZERO);
  }

  private Session create() {
    return manager.create(SessionInit.of(ProtocolVersion.latest()));
  }

  @Test
  void shutdownWaitsForInFlightRequestsThenClosesEverything() throws Exception {
    Session busy = create();
    EngineSession.of(busy).activate();
    Session idle = create();
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread request =
        Thread.ofVirtual()
            .start(
                () -> {
                  if (EngineSession.of(busy).tryEnter()) {
                    try {
                      entered.countDown();
                      release.await();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    } finally {
                      EngineSession.of(busy).exit();
                    }
                  }
                });
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Boolean> shutdown =
        CompletableFuture.supplyAsync(() -> manager.shutdown(Duration.ofSeconds(30)));
    await().atMost(Duration.ofSeconds(10)).until(() -> busy.state() == SessionState.DRAINING);

    assertThat(manager.isShutdown()).isTrue();
    assertThat(shutdown).isNotDone(); // one request is still in flight
    assertThat(EngineSession.of(busy).tryEnter()).isFalse();
    assertThatThrownBy(this::create)
        .isInstanceOfSatisfying(
            SessionAdmissionException.class,
            e -> assertThat(e.reason()).isEqualTo(SessionAdmissionException.Reason.SHUTTING_DOWN));

    release.countDown();
    assertThat(shutdown.get(10, TimeUnit.SECONDS)).isTrue();
    request.join();

    assertThat(manager.size()).isZero();
    assertThat(events.statesOf(busy.id()))
        .containsExactly(
            SessionState.INITIALIZING,
            SessionState.ACTIVE,
            SessionState.DRAINING,
            SessionState.CLOSED);
    assertThat(events.statesOf(idle.id()))
        .containsExactly(SessionState.INITIALIZING, SessionState.DRAINING, SessionState.CLOSED);
    assertThat(events.closeReasonsOf(busy.id())).containsExactly(CloseReason.SERVER_SHUTDOWN);
    assertThat(events.closeReasonsOf(idle.id())).containsExactly(CloseReason.SERVER_SHUTDOWN);
    assertThat(events.rejections).containsExactly(SessionAdmissionException.Reason.SHUTTING_DOWN);
  }

  @Test
  void shutdownGivesUpAtTheDeadlineAndStillClosesEverything() {
    Session stuck = create();
    assertThat(EngineSession.of(stuck).tryEnter()).isTrue(); // never exits before shutdown returns

    long started = System.nanoTime();
    boolean finished = manager.shutdown(Duration.ofMillis(200));

    assertThat(finished).isFalse();
    assertThat(System.nanoTime() - started)
        .isGreaterThanOrEqualTo(Duration.ofMillis(200).toNanos());
    assertThat(stuck.closeReason()).contains(CloseReason.SERVER_SHUTDOWN);
    assertThat(manager.size()).isZero();
    EngineSession.of(stuck).exit(); // the late request still ends cleanly
    assertThat(EngineSession.of(stuck).inFlight()).isZero();
  }

  @Test
  void shutdownIsIdempotent() {
    Session session = create();

    assertThat(manager.shutdown(Duration.ofSeconds(1))).isTrue();
    assertThat(manager.shutdown(Duration.ofSeconds(1))).isTrue();
    manager.close();

    assertThat(events.closeReasonsOf(session.id())).containsExactly(CloseReason.SERVER_SHUTDOWN);
    assertThat(manager.lookup(session.id())).isNull();
  }
}
