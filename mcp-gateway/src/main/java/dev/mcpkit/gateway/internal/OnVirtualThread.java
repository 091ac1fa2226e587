package dev.mcpkit.gateway.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * Runs blocking work of a request answered later on a virtual thread of its own, as a future:
 * cancelling the future interrupts the thread, which is how the blocking paths learn of a client's
 * cancellation. Thread-safe: each call has its own thread and future.
 */
final class OnVirtualThread {
  private OnVirtualThread() {}

  /**
   * Starts {@code work} on a new virtual thread.
   *
   * @return its result, or whatever it threw; cancelling interrupts the thread
   */
  static <T> CompletableFuture<T> supply(Callable<T> work) {
    CompletableFuture<T> future = new CompletableFuture<>();
    Thread thread =
        Thread.ofVirtual()
            .name("mcp-gateway-call")
            .unstarted(
                () -> {
                  try {
                    future.complete(work.call());
                  } catch (Throwable e) {
                    future.completeExceptionally(e);
                  }
                });
    future.whenComplete(
        (value, failure) -> {
          if (failure instanceof CancellationException) {
            thread.interrupt();
          }
        });
    thread.start();
    return future;
  }
}
