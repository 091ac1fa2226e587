package dev.mcpkit.transport.jetty.internal;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Invocable;
import org.jspecify.annotations.Nullable;

/**
 * Reads a request body of a declared length without ever waiting: what has arrived now, then more
 * each time Jetty reports that more arrived ({@link Request#demand}, with a callback declared
 * non-blocking so that Jetty may run it on its I/O thread). Many clients send the headers and the
 * body of a POST in separate writes ({@code java.net.http} does), so the body is often not there
 * when the handler is called.
 *
 * <p>Ends in exactly one of two ways: the whole body goes to {@code whole}, or, if reading failed
 * or the body ended before its declared length, what was read goes to the request thread (which
 * meets the failure itself and answers it).
 *
 * <p>Not thread-safe, and need not be: Jetty runs at most one demand callback of a request at a
 * time, never concurrently with the read that requested it, and its demand hand-over orders the
 * memory effects of one run before the next.
 */
final class NonBlockingBody implements Runnable {
  private final Request request;
  private final byte[] body;
  private final Consumer<byte[]> whole;
  private final Consumer<? super Preread> partial;
  private final Invocable.Task demand = Invocable.from(Invocable.InvocationType.NON_BLOCKING, this);
  private final long timeoutNanos;
  private int filled;
  private @Nullable ReadDeadline deadline; // armed at the first wait

  private NonBlockingBody(
      Request request,
      int length,
      long timeoutNanos,
      Consumer<byte[]> whole,
      Consumer<? super Preread> partial) {
    this.request = requireNonNull(request, "request");
    this.timeoutNanos = timeoutNanos;
    this.body = new byte[length];
    this.whole = requireNonNull(whole, "whole");
    this.partial = requireNonNull(partial, "partial");
  }

  /**
   * Starts reading.
   *
   * @param request a request with a declared {@code Content-Length}
   * @param length that length
   * @param timeoutNanos how long reading the whole request may take ({@link ReadDeadline})
   * @param whole takes the whole body, possibly later and on an I/O thread
   * @param partial takes what was read if the body cannot be read whole (for the request thread,
   *     which answers 408 if the deadline expired)
   */
  static void read(
      Request request,
      int length,
      long timeoutNanos,
      Consumer<byte[]> whole,
      Consumer<? super Preread> partial) {
    new NonBlockingBody(request, length, timeoutNanos, whole, partial).run();
  }

  /** Reads what is there; asks to be run again when more arrives. */
  @Override
  public void run() {
    while (true) {
      Content.Chunk chunk = request.read();
      if (chunk == null) {
        if (deadline == null) {
          // Waiting for the rest: a client trickling it must not hold the request forever.
          deadline = ReadDeadline.arm(request, timeoutNanos);
        }
        request.demand(demand);
        return;
      }
      if (Content.Chunk.isFailure(chunk)) {
        partial.accept(new Preread(body, filled, null, deadline));
        return;
      }
      ByteBuffer bytes = chunk.getByteBuffer();
      // HTTP framing ends the content at the declared length; the bound only guards the array.
      int n = Math.min(bytes.remaining(), body.length - filled);
      bytes.get(body, filled, n);
      filled += n;
      boolean last = chunk.isLast();
      chunk.release();
      if (last) {
        if (filled < body.length) {
          // Cut short: the request thread answers.
          partial.accept(new Preread(body, filled, null, deadline));
        } else if (deadline == null || deadline.finish()) {
          whole.accept(body);
        } else {
          partial.accept(new Preread(body, filled, null, deadline)); // too late: 408
        }
        return;
      }
    }
  }
}
