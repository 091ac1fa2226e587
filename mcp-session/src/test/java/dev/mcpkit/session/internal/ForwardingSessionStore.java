package dev.mcpkit.session.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.spi.SessionRecord;
import dev.mcpkit.api.spi.SessionStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A test store that forwards save, load, delete and scan to another store (an in-memory one by
 * default) and keeps the watchers that registered, so that a test overrides only what it changes: a
 * race, a failure, a count, what it says about blocking. The rest keeps the SPI's defaults: {@code
 * delete(id, reason)} calls {@code delete(id)}, {@code touch} does nothing, {@code invocationType}
 * says {@code true}. Thread-safe if the overrides are.
 */
public class ForwardingSessionStore implements SessionStore {
  /** The store the calls go to. */
  protected final SessionStore delegate;

  /** The watchers that registered, for a test that tells them about removals itself. */
  protected final List<Watcher> watchers = new CopyOnWriteArrayList<>();

  /** Forwards to a fresh in-memory store. */
  public ForwardingSessionStore() {
    this(new InMemorySessionStore());
  }

  /**
   * Forwards to the given store.
   *
   * @param delegate where the calls go
   */
  public ForwardingSessionStore(SessionStore delegate) {
    this.delegate = requireNonNull(delegate, "delegate");
  }

  @Override
  public void save(SessionRecord record) {
    delegate.save(record);
  }

  @Override
  public Optional<SessionRecord> load(SessionId id) {
    return delegate.load(id);
  }

  @Override
  public boolean delete(SessionId id) {
    return delegate.delete(id);
  }

  @Override
  public void watch(Watcher watcher) {
    watchers.add(watcher);
  }

  @Override
  public void scan(Consumer<? super SessionRecord> action) {
    delegate.scan(action);
  }
}
