package dev.mcpkit.session.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.SessionInit;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.spi.SessionRecord;
import dev.mcpkit.session.SessionManagers;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A node loads a shared record just before another node deletes it: the removal the store reports
 * then finds no copy on the loading node (it is not in its table yet), so without a second look the
 * copy it inserts afterwards would serve a deleted session for as long as it is used. The store
 * here makes that interleaving happen every time: its first load of a session returns the record
 * and then, before returning, deletes it and tells the watchers, as another node's close would.
 */
class RehydrationRaceTest {

  /** A shared store whose first load of each session races a delete from elsewhere. */
  private static final class RacingStore extends ForwardingSessionStore {
    volatile boolean race;

    @Override
    public Optional<SessionRecord> load(SessionId id) {
      Optional<SessionRecord> found = delegate.load(id);
      if (race && found.isPresent()) {
        race = false;
        delegate.delete(id); // another node closes the session right after this read
        watchers.forEach(w -> w.removed(id, CloseReason.CLIENT_REQUEST));
      }
      return found;
    }
  }

  @Test
  void aCopyLoadedJustBeforeTheRecordWasDeletedElsewhereIsNotServed() {
    RacingStore store = new RacingStore();
    SessionManager a = SessionManagers.builder().store(store).expiryInterval(Duration.ZERO).build();
    SessionManager b = SessionManagers.builder().store(store).expiryInterval(Duration.ZERO).build();
    try {
      Session session = a.create(SessionInit.of(ProtocolVersion.latest()));
      EngineSession.of(session).activate();

      store.race = true;
      assertThat(b.lookup(session.id())).as("the copy loaded before the delete").isNull();
      assertThat(b.size()).isZero();
      assertThat(b.lookup(session.id())).isNull();
      assertThat(store.load(session.id())).isEmpty();
    } finally {
      a.shutdown(Duration.ZERO);
      b.shutdown(Duration.ZERO);
    }
  }
}
