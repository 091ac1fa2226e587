package dev.mcpkit.benchmarks.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One thread with one {@link Selector} that drives every {@link RawHttp1Connection} of a phase:
 * writes requests, reads answers, and completes each answer's future on this thread, so a user's
 * next request (sent from that completion) is written without a thread hand-off. One event loop
 * completes answers in the order they arrive, which is fair to every user, where a thread per user
 * leaves a user whose answer arrived waiting for the operating system to schedule its thread.
 *
 * <p>Thread-safe: {@link #execute} may be called from any thread; everything else runs on the loop.
 */
final class Http1EventLoop implements AutoCloseable {
  private final Selector selector;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final Thread thread;
  private volatile boolean closed;

  Http1EventLoop() {
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.thread = Thread.ofPlatform().daemon().name("load-http1-loop").start(this::loop);
  }

  Selector selector() {
    return selector;
  }

  boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  /** Runs {@code task} on the loop: now if called from it, else after waking it. */
  void execute(Runnable task) {
    if (inLoop()) {
      task.run();
      return;
    }
    tasks.add(task);
    selector.wakeup();
  }

  private void loop() {
    try {
      while (!closed) {
        selector.select();
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
          task.run();
        }
        var keys = selector.selectedKeys();
        for (SelectionKey key : keys) {
          if (key.isValid() && key.attachment() instanceof RawHttp1Connection connection) {
            connection.onReadable();
          }
        }
        keys.clear();
      }
      // Tasks queued while closing (connections closing themselves) still run.
      for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
        task.run();
      }
    } catch (IOException | ClosedSelectorException e) {
      if (!closed) {
        System.err.println("load generator event loop stopped: " + e);
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    selector.wakeup();
    thread.join(10_000);
    try {
      selector.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
