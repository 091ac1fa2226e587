package dev.mcpkit.transport.jetty.internal;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The server's Jetty thread pool: platform threads for the selectors and Jetty's own tasks, with
 * one exception. When a request thread (a virtual thread) completes an HTTP/1.1 exchange, Jetty
 * resumes the connection, to read its next request, by executing the connection on this pool; here
 * that runs on the virtual thread that completed the exchange, which is about to end anyway.
 *
 * <p>Why: otherwise every request served on a request thread costs a third thread: the selector
 * hands the request to a virtual thread, and the virtual thread's completion hands the connection
 * to a pool thread, which wakes up, reads nothing (the client has not sent its next request yet),
 * registers read interest with the selector and parks again. Under wrk at 64 users, one session, a
 * plain (blocking) {@code tools/call} spent a third of the server's CPU on those pool threads
 * (perf, issue 20). Run on the virtual thread, the same read and registration cost one wake-up
 * fewer. A request that was already waiting on the connection (pipelined) is then read and handled
 * on that virtual thread, which is a thread where serving may block; the endpoint's handlers are
 * non-blocking and serve from any thread.
 *
 * <p>Thread-safe, as {@link QueuedThreadPool} is.
 */
public final class ServerThreadPool extends QueuedThreadPool {
  /** A pool named {@code name}, with Jetty's defaults otherwise. */
  public ServerThreadPool(String name) {
    setName(name);
  }

  @Override
  public void execute(Runnable task) {
    if (task instanceof Connection && Thread.currentThread().isVirtual()) {
      task.run();
      return;
    }
    super.execute(task);
  }
}
