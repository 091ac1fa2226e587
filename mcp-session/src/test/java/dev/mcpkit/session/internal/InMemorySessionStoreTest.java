package dev.mcpkit.session.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.SessionState;
import dev.mcpkit.api.spi.SessionRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class InMemorySessionStoreTest {
  private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

  private static SessionRecord record(SessionId id, Instant lastActivity) {
    return new SessionRecord(
        id,
        SessionState.ACTIVE,
        T0,
        lastActivity,
        ProtocolVersion.latest(),
        null,
        JsonNodeFactory.instance.objectNode(),
        null,
        Map.of());
  }

  @Test
  void savesLoadsScansAndDeletes() {
    InMemorySessionStore store = new InMemorySessionStore();
    SessionId id = SessionIdGenerator.next();
    store.save(record(id, T0));

    assertThat(store.load(id)).contains(record(id, T0));
    List<SessionRecord> scanned = new ArrayList<>();
    store.scan(scanned::add);
    assertThat(scanned).containsExactly(record(id, T0));
    assertThat(store.delete(id)).isTrue();
    assertThat(store.delete(id)).isFalse();
    assertThat(store.load(id)).isEmpty();
    assertThat(store.size()).isZero();
  }

  @Test
  void touchMovesActivityForwardOnlyAndNeverResurrects() {
    InMemorySessionStore store = new InMemorySessionStore();
    SessionId id = SessionIdGenerator.next();
    store.save(record(id, T0.plusSeconds(10)));

    store.touch(id, T0.plusSeconds(5));
    assertThat(store.load(id).orElseThrow().lastActivity()).isEqualTo(T0.plusSeconds(10));
    store.touch(id, T0.plusSeconds(20));
    assertThat(store.load(id).orElseThrow().lastActivity()).isEqualTo(T0.plusSeconds(20));

    store.delete(id);
    store.touch(id, T0.plusSeconds(30));
    assertThat(store.load(id)).isEmpty();
  }
}
