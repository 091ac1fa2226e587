package dev.mcpkit.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mcpkit.api.AttributeKey;
import dev.mcpkit.api.ClientInfo;
import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.SessionInit;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.SessionPolicy;
import dev.mcpkit.api.SessionState;
import dev.mcpkit.api.spi.StoreUnavailableException;
import dev.mcpkit.session.SessionManagers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The session store against a real redis-server, through real session managers (one per "node").
 */
class RedisSessionStoreTest {
  private static final AttributeKey<String> TENANT = AttributeKey.of("tenant", String.class);
  private static final AttributeKey<Integer> QUOTA = AttributeKey.of("quota", Integer.class);
  private static RedisServer server;
  private static RedisClient inspector;
  private static StatefulRedisConnection<String, String> inspection;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final List<SessionManager> managers = new ArrayList<>();
  private static int prefixes;
  private String prefix;

  @BeforeAll
  static void startRedis() {
    server = RedisServer.start();
    inspector = RedisClient.create(server.uri());
  }

  @AfterAll
  static void stopRedis() {
    inspector.shutdown();
    server.close();
  }

  @AfterEach
  void tearDown() throws Exception {
    managers.forEach(m -> m.shutdown(Duration.ZERO));
    for (AutoCloseable c : closeables) {
      c.close();
    }
    if (inspection != null) {
      inspection.close();
      inspection = null;
    }
  }

  private RedisCommands<String, String> redis() {
    if (inspection == null || !inspection.isOpen()) {
      inspection = inspector.connect();
    }
    return inspection.sync();
  }

  private static SessionPolicy policy(Duration idle) {
    return SessionPolicy.builder()
        .idleTimeout(idle)
        .maxLifetime(Duration.ofHours(1))
        .touchGranularity(Duration.ofMillis(100))
        .build();
  }

  /** One "node": its own Redis connections and its own manager. */
  private SessionManager node(SessionPolicy policy, Duration refresh) {
    if (prefix == null) {
      prefix = "t" + (++prefixes) + ":";
    }
    RedisStores stores =
        RedisStores.builder(server.uri())
            .keyPrefix(prefix)
            .policy(policy)
            .refreshInterval(refresh)
            .commandTimeout(Duration.ofSeconds(2))
            .build();
    closeables.add(stores);
    SessionManager manager =
        SessionManagers.builder()
            .policy(policy)
            .store(stores.sessionStore())
            .expiryInterval(Duration.ofMillis(50))
            .build();
    managers.add(manager);
    return manager;
  }

  private static SessionInit init() {
    Principal alice = () -> "alice";
    return new SessionInit(
        ProtocolVersion.V2025_11_25,
        new ClientInfo("probe", "1.0", "Probe"),
        JsonNodeFactory.instance.objectNode().put("sampling", true),
        alice);
  }

  @Test
  void aRecordTravelsWholeToAnotherNodeAndLivesWithATtl() {
    SessionPolicy policy = policy(Duration.ofMinutes(10));
    SessionManager a = node(policy, Duration.ofSeconds(5));
    SessionManager b = node(policy, Duration.ofSeconds(5));
    Session original = a.create(init());
    assertThat(a.activate(original.id())).isTrue();
    original.putAttribute(TENANT, "acme");
    original.putAttribute(QUOTA, 42);

    Session copy = b.touch(original.id());

    assertThat(copy).isNotNull().isNotSameAs(original);
    assertThat(copy.state()).isEqualTo(SessionState.ACTIVE);
    assertThat(copy.createdAt()).isEqualTo(original.createdAt());
    assertThat(copy.clientInfo()).contains(new ClientInfo("probe", "1.0", "Probe"));
    assertThat(copy.clientCapabilities().get("sampling").booleanValue()).isTrue();
    assertThat(copy.principal()).map(Principal::getName).contains("alice");
    assertThat(copy.protocolVersion()).isEqualTo(ProtocolVersion.V2025_11_25);
    assertThat(copy.attribute(TENANT)).contains("acme");
    assertThat(copy.attribute(QUOTA)).contains(42);
    long ttl = redis().pttl(prefix + "s:" + original.id().value());
    assertThat(ttl)
        .isBetween(
            Duration.ofMinutes(10).toMillis(),
            Duration.ofMinutes(10).plusSeconds(5).plusMillis(100).toMillis());
  }

  @Test
  void aDeleteOnOneNodeClosesTheCopyOnTheOther() {
    SessionPolicy policy = policy(Duration.ofMinutes(10));
    SessionManager a = node(policy, Duration.ofSeconds(5));
    SessionManager b = node(policy, Duration.ofSeconds(5));
    Session original = a.create(init());
    Session copy = b.touch(original.id());
    assertThat(copy).isNotNull();

    assertThat(a.close(original.id(), CloseReason.CLIENT_REQUEST)).isTrue();

    await().atMost(Duration.ofSeconds(5)).until(() -> copy.state() == SessionState.CLOSED);
    assertThat(copy.closeReason()).contains(CloseReason.CLIENT_REQUEST);
    assertThat(b.touch(original.id())).isNull();
    assertThat(redis().exists(prefix + "s:" + original.id().value())).isZero();
  }

  @Test
  void touchesRefreshTheTtlAtMostOncePerRefreshInterval() {
    SessionPolicy policy = policy(Duration.ofMinutes(10));
    SessionManager a = node(policy, Duration.ofMinutes(1));
    Session session = a.create(init());
    long before = pexpireCalls();

    for (int i = 0; i < 50; i++) {
      await().pollDelay(Duration.ofMillis(110)).until(() -> true); // past the touch granularity
      assertThat(a.touch(session.id())).isSameAs(session);
    }

    assertThat(pexpireCalls() - before).isZero(); // all within one refresh interval of the save
  }

  @Test
  void anActiveSessionOutlivesItsIdleTimeoutAndAnIdleOneExpiresEverywhere() {
    // Idle timeout 3 s, touches every 150 ms: wide margins, so a stalled (busy) machine does not
    // really idle the busy session out.
    SessionPolicy policy = policy(Duration.ofSeconds(3));
    SessionManager a = node(policy, Duration.ofMillis(300));
    SessionManager b = node(policy, Duration.ofMillis(300));
    Session busy = a.create(init());
    Session idle = a.create(init());
    assertThat(b.touch(idle.id())).isNotNull();

    // Only b serves the busy session from now on; a must not expire it on its own stale view.
    long until = System.nanoTime() + Duration.ofSeconds(6).toNanos(); // twice a's idle deadline
    while (System.nanoTime() < until) {
      assertThat(b.touch(busy.id())).isNotNull();
      await().pollDelay(Duration.ofMillis(150)).until(() -> true);
    }
    assertThat(busy.state()).isNotEqualTo(SessionState.CLOSED);
    assertThat(a.lookup(busy.id())).isSameAs(busy);

    await().atMost(Duration.ofSeconds(15)).until(() -> idle.state() == SessionState.CLOSED);
    assertThat(idle.closeReason()).contains(CloseReason.IDLE_EXPIRED);
    assertThat(b.lookup(idle.id())).isNull();
    assertThat(redis().exists(prefix + "s:" + idle.id().value())).isZero();
  }

  @Test
  void aRestartedNodeLosesNoSession() {
    SessionPolicy policy = policy(Duration.ofMinutes(10));
    SessionManager a = node(policy, Duration.ofSeconds(5));
    Session session = a.create(init());
    assertThat(a.activate(session.id())).isTrue();

    a.shutdown(Duration.ofSeconds(1));
    SessionManager restarted = node(policy, Duration.ofSeconds(5));

    Session again = restarted.touch(session.id());
    assertThat(again).isNotNull();
    assertThat(again.state()).isEqualTo(SessionState.ACTIVE);
  }

  @Test
  void whileRedisIsDownRequestsFailFastAndEverythingRecoversWhenItIsBack() {
    SessionPolicy policy = policy(Duration.ofMinutes(10));
    SessionManager a = node(policy, Duration.ofSeconds(5));
    SessionManager b = node(policy, Duration.ofSeconds(5));
    Session kept = a.create(init());
    Session deletedDuringOutage = a.create(init());
    Session copyOnB = b.touch(deletedDuringOutage.id());
    assertThat(copyOnB).isNotNull();

    server.stop();
    try {
      assertThatThrownBy(() -> a.create(init())).isInstanceOf(StoreUnavailableException.class);
      assertThatThrownBy(() -> b.touch(kept.id())).isInstanceOf(StoreUnavailableException.class);
      a.close(
          deletedDuringOutage.id(), CloseReason.CLIENT_REQUEST); // the delete fails; retried later
      assertThat(copyOnB.state()).isNotEqualTo(SessionState.CLOSED);
    } finally {
      server.restart();
    }

    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .until(() -> b.touch(kept.id()) != null);
    await().atMost(Duration.ofSeconds(20)).until(() -> copyOnB.state() == SessionState.CLOSED);
    assertThat(redis().exists(prefix + "s:" + deletedDuringOutage.id().value())).isZero();
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> a.create(init()) != null);
  }

  @Test
  void aRemovalMissedWhileDisconnectedIsFoundByTheResyncAfterReconnection() {
    SessionPolicy policy = policy(Duration.ofMinutes(10));
    SessionManager a = node(policy, Duration.ofSeconds(5));
    Session session = a.create(init());
    redis()
        .del(prefix + "s:" + session.id().value()); // gone without a message, as if one were lost

    server.restart(); // the pub/sub connection reconnects and re-subscribes

    await().atMost(Duration.ofSeconds(20)).until(() -> session.state() == SessionState.CLOSED);
  }

  @Test
  void theTtlNeverOutlivesTheAbsoluteLifetime() {
    SessionPolicy policy =
        SessionPolicy.builder()
            .idleTimeout(Duration.ofMinutes(10))
            .maxLifetime(Duration.ofSeconds(30))
            .touchGranularity(Duration.ofMillis(100))
            .build();
    SessionManager a = node(policy, Duration.ofSeconds(5));
    Session session = a.create(init());

    assertThat(redis().pttl(prefix + "s:" + session.id().value())).isBetween(1L, 30_000L);
  }

  private long pexpireCalls() {
    String stats = redis().info("commandstats");
    for (String line : stats.split("\r\n")) {
      if (line.startsWith("cmdstat_pexpire:")) {
        return Long.parseLong(line.substring(line.indexOf("calls=") + 6, line.indexOf(',')));
      }
    }
    return 0;
  }
}
