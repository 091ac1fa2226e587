package dev.mcpkit.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.mcpkit.api.SessionId;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The cache baseline: Caffeine with {@code expireAfterAccess}; {@code getIfPresent} records the
 * access. Under a manual clock its ticker follows that clock and maintenance runs on the caller, so
 * {@link #expire()} measures the whole expiry work. Thread-safe.
 */
final class CaffeineSessionTable implements SessionTable {
  private final Cache<SessionId, ChmSessionTable.Entry> cache;
  private final InstantSource clock;

  CaffeineSessionTable(Config config) {
    this.clock = config.clock();
    Caffeine<Object, Object> builder =
        Caffeine.newBuilder().expireAfterAccess(config.idleTimeout());
    if (config.manualTime()) {
      InstantSource manual = config.clock();
      Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(manual.millis());
      builder.ticker(ticker).executor(Runnable::run);
    }
    this.cache = builder.build();
  }

  @Override
  public SessionId create() {
    SessionId id = SessionIds.next();
    cache.put(id, new ChmSessionTable.Entry(id, clock.millis()));
    return id;
  }

  @Override
  public @Nullable Object touch(SessionId id) {
    return cache.getIfPresent(id);
  }

  @Override
  public boolean terminate(SessionId id) {
    // Cache.invalidate(key) is this same remove on the backing map; this one also says whether
    // the session was there, which the adapter's contract reports.
    return cache.asMap().remove(id) != null;
  }

  @Override
  public int expire() {
    long before = cache.estimatedSize();
    cache.cleanUp();
    return (int) Math.max(0, before - cache.estimatedSize());
  }

  @Override
  public int size() {
    return (int) cache.estimatedSize();
  }

  @Override
  public void close() {
    cache.invalidateAll();
  }
}
