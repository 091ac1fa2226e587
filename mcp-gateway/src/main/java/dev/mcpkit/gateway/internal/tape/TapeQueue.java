package dev.mcpkit.gateway.internal.tape;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The hand-off from request threads to the tape writer: a bounded, lock-free, multi-producer
 * single-consumer FIFO queue. Producers never wait and never take a lock: {@link #offer} is one
 * {@code getAndIncrement} on the count (the bound) and one {@code getAndSet} on the tail (the
 * order), both wait-free on x86 and ARMv8.1; the consumer ({@link #poll}) touches only the head,
 * which is its own, and gives the count back in batches ({@link #release}). It replaces an {@code
 * ArrayBlockingQueue}, whose single lock every request thread and the writer took, and whose {@code
 * notEmpty} signal woke the writer (a futex call) for each message.
 *
 * <p>Correctness, in the style of {@code java.util.concurrent}. The list is singly linked from
 * {@code head} (a consumed node, the sentinel) to {@code tail}. An offer links a new node in two
 * steps: (1) {@code prev = tail.getAndSet(node)} makes it the tail (the linearization point: offers
 * are ordered as their swaps are, and each node has exactly one predecessor, since the swap hands
 * each old tail to one producer only); (2) {@code prev.next = node} with release semantics makes it
 * reachable, publishing the value written before it. The consumer reads {@code next} with acquire
 * semantics, so it sees the value of every node it reaches. Between (1) and (2) the list is cut
 * after {@code prev}: {@link #poll} returns {@code null} though later offers may have completed (a
 * "bubble"); it never skips a node, it only reports them later, when the producer finishes step
 * (2), which it does without waiting on anything. So: every accepted element is polled exactly once
 * (one predecessor, and the consumer advances one link at a time), in swap order, which is each
 * producer's program order. The bound: {@code count} is incremented before linking and given back
 * by the consumer after it polled, so it is at least the number of elements in the list; an offer
 * that takes it past the capacity gives it back and fails. Accepted elements in the list never
 * exceed the capacity; a few offers may fail spuriously while the consumer has not yet released
 * what it polled (at most one batch), which drops a line the caller counts, never blocks it. {@link
 * #force} ignores the bound (for a tape's end, which must never be lost) but counts.
 *
 * <p>Thread-safe for any number of producers ({@link #offer}, {@link #force}, {@link #size}) and
 * one consumer ({@link #poll}, {@link #release}) at a time.
 *
 * @param <E> the elements
 */
final class TapeQueue<E> {
  private static final VarHandle NEXT;

  static {
    try {
      NEXT = MethodHandles.lookup().findVarHandle(Node.class, "next", Node.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** A link; {@code next} is written once (release) by the producer, read by the consumer. */
  static final class Node<E> {
    @Nullable E value;
    @Nullable Node<E> next;

    Node(@Nullable E value) {
      this.value = value;
    }
  }

  private final int capacity;

  /** Elements offered and not yet released by the consumer; the bound. */
  private final AtomicInteger count = new AtomicInteger();

  /** The last node; swapped by producers. */
  private final AtomicReference<Node<E>> tail;

  /** The consumed sentinel; the consumer's alone. */
  private Node<E> head;

  /**
   * @param capacity elements waiting at most
   */
  TapeQueue(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive, was " + capacity);
    }
    this.capacity = capacity;
    Node<E> sentinel = new Node<>(null);
    this.head = sentinel;
    this.tail = new AtomicReference<>(sentinel);
  }

  /**
   * Adds an element if fewer than the capacity wait; never waits.
   *
   * @return the count before this offer (so a caller can act on crossing a level), or {@code -1} if
   *     the queue was full and nothing was added
   */
  int offer(E element) {
    int before = count.getAndIncrement();
    if (before >= capacity) {
      count.getAndDecrement();
      return -1;
    }
    link(element);
    return before;
  }

  /** Adds an element whatever the count (it still counts); never waits. */
  void force(E element) {
    count.getAndIncrement();
    link(element);
  }

  private void link(E element) {
    Node<E> node = new Node<>(element);
    Node<E> prev = tail.getAndSet(node);
    NEXT.setRelease(prev, node);
  }

  /**
   * Takes the oldest reachable element; consumer only. Call {@link #release} for what was taken.
   *
   * @return the element, or {@code null} if none is reachable now
   */
  @Nullable E poll() {
    @SuppressWarnings("unchecked")
    Node<E> next = (Node<E>) NEXT.getAcquire(head);
    if (next == null) {
      return null;
    }
    E value = next.value;
    next.value = null; // the sentinel keeps no garbage alive
    head = next;
    return value;
  }

  /** Gives back to the bound {@code polled} elements taken; consumer only. */
  void release(int polled) {
    if (polled > 0) {
      count.addAndGet(-polled);
    }
  }

  /** Elements offered and not yet released: an upper bound of those waiting. */
  int size() {
    return count.get();
  }

  int capacity() {
    return capacity;
  }
}
