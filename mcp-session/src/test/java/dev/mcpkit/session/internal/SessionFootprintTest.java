package dev.mcpkit.session.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.ClientInfo;
import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.SessionInit;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.spi.SessionRecord;
import dev.mcpkit.api.spi.SessionStore;
import dev.mcpkit.session.SessionManagers;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** What a session keeps of its client: shared descriptions, and nothing for empty capabilities. */
class SessionFootprintTest {
  private final SessionStore store = SessionManagers.inMemoryStore();
  private final SessionManager manager =
      SessionManagers.builder().store(store).expiryInterval(Duration.ZERO).build();

  @AfterEach
  void tearDown() {
    manager.shutdown(Duration.ZERO);
  }

  private Session create(JsonNode capabilities) {
    ClientInfo parsed = new ClientInfo(new String("agent"), new String("2.0"), null);
    return manager.create(new SessionInit(ProtocolVersion.latest(), parsed, capabilities, null));
  }

  @Test
  void sessionsOfIdenticalClientsShareOneClientInfo() {
    Session first = create(JsonNodeFactory.instance.objectNode());
    Session second = create(JsonNodeFactory.instance.objectNode());
    Session other =
        manager.create(
            new SessionInit(
                ProtocolVersion.latest(),
                new ClientInfo("agent", "2.1", null),
                JsonNodeFactory.instance.objectNode(),
                null));

    assertThat(second.clientInfo().orElseThrow()).isSameAs(first.clientInfo().orElseThrow());
    assertThat(first.clientInfo().orElseThrow()).isEqualTo(new ClientInfo("agent", "2.0", null));
    assertThat(other.clientInfo().orElseThrow().version()).isEqualTo("2.1");
    assertThat(manager.create(SessionInit.of(ProtocolVersion.latest())).clientInfo()).isEmpty();
  }

  @Test
  void emptyCapabilitiesAreNotHeldButAnswerAFreshEmptyObject() {
    Session session = create(JsonNodeFactory.instance.objectNode());

    JsonNode capabilities = session.clientCapabilities();
    assertThat(capabilities.isObject()).isTrue();
    assertThat(capabilities.isEmpty()).isTrue();
    // Not held by the session: a new node each time, so writing into one leaks nowhere.
    assertThat(session.clientCapabilities()).isNotSameAs(capabilities);
    ((ObjectNode) capabilities).putObject("sampling");
    assertThat(session.clientCapabilities().isEmpty()).isTrue();
    assertThat(create(JsonNodeFactory.instance.objectNode()).clientCapabilities().has("sampling"))
        .isFalse();
  }

  @Test
  void declaredCapabilitiesAreKeptAsGiven() {
    ObjectNode declared = JsonNodeFactory.instance.objectNode();
    declared.putObject("roots").put("listChanged", true);

    Session session = create(declared);

    assertThat(session.clientCapabilities()).isSameAs(declared);
    assertThat(session.clientCapabilities().get("roots").get("listChanged").asBoolean()).isTrue();
  }

  @Test
  void theStoredRecordCarriesAnEmptyObjectAndRehydratesToOne() {
    Session session = create(JsonNodeFactory.instance.objectNode());
    SessionRecord record = store.load(session.id()).orElseThrow();
    assertThat(record.clientCapabilities().isObject()).isTrue();
    assertThat(record.clientCapabilities().isEmpty()).isTrue();

    SessionManager peer =
        SessionManagers.builder().store(store).expiryInterval(Duration.ZERO).build();
    try {
      Session rehydrated = peer.lookup(session.id());
      assertThat(rehydrated).isNotNull();
      assertThat(rehydrated.clientCapabilities().isObject()).isTrue();
      assertThat(rehydrated.clientCapabilities().isEmpty()).isTrue();
      assertThat(rehydrated.clientInfo().orElseThrow())
          .isEqualTo(new ClientInfo("agent", "2.0", null));
    } finally {
      peer.shutdown(Duration.ZERO);
    }
  }

  private static ObjectNode capabilities(String name) {
    ObjectNode declared = JsonNodeFactory.instance.objectNode();
    declared.putObject(name).put("listChanged", true);
    declared.putObject("sampling");
    return declared;
  }

  @Test
  void sessionsOfIdenticalClientsShareOneCapabilityTree() {
    Session first = create(capabilities("roots"));
    Session second = create(capabilities("roots"));
    Session other = create(capabilities("elicitation"));

    assertThat(second.clientCapabilities()).isSameAs(first.clientCapabilities());
    assertThat(second.clientCapabilities()).isEqualTo(capabilities("roots"));
    assertThat(other.clientCapabilities()).isNotSameAs(first.clientCapabilities());
    assertThat(other.clientCapabilities().has("elicitation")).isTrue();
    // The description is shared too, and the profile of the pair is one object.
    assertThat(second.clientInfo().orElseThrow()).isSameAs(first.clientInfo().orElseThrow());
    assertThat(((DefaultSessionManager) manager).profiles().size()).isEqualTo(2);
  }

  @Test
  void largeCapabilityTreesAreKeptPerSessionNotShared() {
    ObjectNode large = JsonNodeFactory.instance.objectNode();
    for (int i = 0; i < ClientProfiles.MAX_NODES; i++) {
      large.put("x" + i, i);
    }
    Session first = create(large);
    Session second = create(large.deepCopy());

    assertThat(first.clientCapabilities()).isSameAs(large);
    assertThat(second.clientCapabilities()).isNotSameAs(large).isEqualTo(large);
    assertThat(((DefaultSessionManager) manager).profiles().size()).isZero();
  }

  @Test
  void profilesStopBeingSharedAtTheBoundButSessionsKeepTheirOwn() {
    ClientProfiles profiles = ((DefaultSessionManager) manager).profiles();
    for (int i = 0; i < ClientProfiles.MAX_ENTRIES + 50; i++) {
      ClientInfo info = new ClientInfo("client-" + i, "1", null);
      ClientProfile profile = profiles.of(info, capabilities("roots"));
      assertThat(profile.clientInfo).isEqualTo(info);
      assertThat(profile.clientCapabilities).isEqualTo(capabilities("roots"));
    }
    assertThat(profiles.size()).isEqualTo(ClientProfiles.MAX_ENTRIES);
    ClientInfo late = new ClientInfo("late", "1", null);
    assertThat(profiles.of(late, capabilities("roots")))
        .isNotSameAs(profiles.of(late, capabilities("roots")));
    ClientInfo early = new ClientInfo("client-0", "1", null);
    assertThat(profiles.of(early, capabilities("roots")))
        .isSameAs(profiles.of(early, capabilities("roots")));
  }

  @Test
  void concurrentCreatorsOfOneClientShareOneProfile() throws Exception {
    ClientProfiles profiles = ((DefaultSessionManager) manager).profiles();
    java.util.Set<ClientProfile> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    java.util.List<Thread> threads = new java.util.ArrayList<>();
    for (int t = 0; t < 8; t++) {
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      start.await();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                      return;
                    }
                    for (int i = 0; i < 1_000; i++) {
                      seen.add(
                          profiles.of(
                              new ClientInfo(new String("agent"), "2.0", null),
                              capabilities("roots")));
                    }
                  }));
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(seen).hasSize(1);
    assertThat(profiles.size()).isEqualTo(1);
  }
}
