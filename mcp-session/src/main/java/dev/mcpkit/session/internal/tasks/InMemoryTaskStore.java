package dev.mcpkit.session.internal.tasks;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.spi.TaskRecord;
import dev.mcpkit.api.spi.TaskStore;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The default {@link TaskStore}: records in a {@link ConcurrentHashMap}, at most {@code capacity}
 * of them, finished ones forgotten once their time to live has passed.
 *
 * <p><b>Thread-safe.</b> Every change of one record goes through {@link ConcurrentHashMap#compute}
 * (atomic per key), so updates of a task are totally ordered and the first terminal status wins
 * ({@link TaskRecord#end}). Watchers are called after the change, outside the map's bin lock.
 *
 * <p><b>Bound.</b> {@link #count} is the number of records in the map, kept exact without a global
 * lock: {@link #create} reserves a slot with a compare-and-set before inserting (and gives it back
 * if the id is taken), and exactly one thread removes a given record ({@code remove(key, value)}
 * succeeds once per inserted value), releasing its slot. So the map never holds more than {@code
 * capacity} records; a full store first purges expired records, then refuses. Live tasks are never
 * evicted: a task the engine handed out must stay pollable until it ends.
 *
 * <p><b>Expiry.</b> Terminal records are indexed by expiry time in a skip list; each {@code create}
 * and {@code get} purges the expired head (amortised O(log n) per expired record, and no thread of
 * its own), and a {@code get} of an expired record that is not purged yet answers empty all the
 * same: expiry is exact at read time. Not on the session table's timing wheel: that wheel is
 * intrusive on the session entries of one stripe, runs under the stripe's lock and is driven by the
 * session manager's expiry pass, while a task store is built apart from any session manager; the
 * reasons in full are in docs/ARCHITECTURE.md (Tasks).
 */
public final class InMemoryTaskStore implements TaskStore {
  private record Expiry(Instant at, String taskId) implements Comparable<Expiry> {
    @Override
    public int compareTo(Expiry other) {
      int byTime = at.compareTo(other.at);
      return byTime != 0 ? byTime : taskId.compareTo(other.taskId);
    }
  }

  private final int capacity;
  private final InstantSource clock;
  private final ConcurrentHashMap<String, TaskRecord> records = new ConcurrentHashMap<>();
  private final ConcurrentSkipListSet<Expiry> expiries = new ConcurrentSkipListSet<>();
  private final AtomicInteger count = new AtomicInteger();
  private final CopyOnWriteArrayList<Consumer<TaskRecord>> watchers = new CopyOnWriteArrayList<>();

  /**
   * @param capacity the most records kept at once; positive
   * @param clock tells the time for expiry
   */
  public InMemoryTaskStore(int capacity, InstantSource clock) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive, was " + capacity);
    }
    this.capacity = capacity;
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public boolean create(TaskRecord record) {
    requireNonNull(record, "record");
    purgeExpired();
    if (!reserve()) {
      return false;
    }
    if (records.putIfAbsent(record.taskId(), record) != null) {
      count.decrementAndGet();
      throw new IllegalStateException("a task with id " + record.taskId() + " exists");
    }
    index(record);
    return true;
  }

  private boolean reserve() {
    while (true) {
      int current = count.get();
      if (current >= capacity) {
        return false;
      }
      if (count.compareAndSet(current, current + 1)) {
        return true;
      }
    }
  }

  @Override
  public Optional<TaskRecord> get(String taskId) {
    requireNonNull(taskId, "taskId");
    purgeExpired();
    return Optional.ofNullable(live(records.get(taskId)));
  }

  @Override
  public Optional<TaskRecord> update(String taskId, UnaryOperator<TaskRecord> change) {
    requireNonNull(taskId, "taskId");
    requireNonNull(change, "change");
    TaskRecord[] before = new TaskRecord[1];
    TaskRecord after =
        records.computeIfPresent(
            taskId,
            (id, current) -> {
              if (live(current) == null) {
                return current; // expired: left for the purge, reported absent below
              }
              before[0] = current;
              return requireNonNull(change.apply(current), "change returned null");
            });
    if (after == null || before[0] == null) {
      return Optional.empty();
    }
    if (after != before[0]) {
      index(after);
      for (Consumer<TaskRecord> watcher : watchers) {
        watcher.accept(after);
      }
    }
    return Optional.of(after);
  }

  @Override
  public void watch(Consumer<TaskRecord> watcher) {
    watchers.add(requireNonNull(watcher, "watcher"));
  }

  /** The number of records held, expired ones not yet purged included; for tests. */
  int size() {
    return count.get();
  }

  private @Nullable TaskRecord live(@Nullable TaskRecord record) {
    if (record == null) {
      return null;
    }
    Instant expires = record.expiresAt();
    return expires != null && !clock.instant().isBefore(expires) ? null : record;
  }

  private void index(TaskRecord record) {
    Instant expires = record.expiresAt();
    if (expires != null) {
      expiries.add(new Expiry(expires, record.taskId()));
    }
  }

  private void purgeExpired() {
    Instant now = clock.instant();
    Expiry head;
    while ((head = firstOrNull()) != null && !now.isBefore(head.at())) {
      if (!expiries.remove(head)) {
        continue; // another thread purges it
      }
      TaskRecord record = records.get(head.taskId());
      // Remove only the record this index entry stands for, and only if it is really expired (a
      // record's expiry never changes once terminal, but be exact).
      if (record != null && live(record) == null && records.remove(head.taskId(), record)) {
        count.decrementAndGet();
      }
    }
  }

  private @Nullable Expiry firstOrNull() {
    try {
      return expiries.first();
    } catch (java.util.NoSuchElementException e) {
      return null;
    }
  }
}
