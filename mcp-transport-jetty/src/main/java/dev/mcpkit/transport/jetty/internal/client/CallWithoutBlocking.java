package dev.mcpkit.transport.jetty.internal.client;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One request whose answer no thread waits for: its POST is sent, and the call is settled by
 * whichever thread brings its outcome. A JSON answer is dispatched on Jetty's thread that completes
 * the response; an SSE answer is read by its reader thread; the rare cases that block (a refusal
 * the authorization may send again, {@code notifications/cancelled}) go to virtual threads. Only a
 * session-based revision comes here: the multi round-trip of 2026-07-28 blocks.
 *
 * <p>Thread-safety: thread-safe. Every outcome meets in the call's pending future, which completes
 * once: the answer (put by the dispatcher on Jetty's thread, the SSE reader or the session's GET
 * stream), a failure (Jetty's thread, the SSE reader, a resend thread), the deadline (a {@link
 * TimeoutException}, put by {@link CompletableFuture#orTimeout}'s timer thread, or by Jetty's
 * thread when its backstop fails the exchange) and cancellation (a {@link CancellationException},
 * put by the thread that cancelled the returned future). The one that wins runs {@link #settle}
 * once, on its own thread (a future runs each dependent once; this one is registered before the
 * request is sent); the others find the future done and change nothing. So the pending entry is
 * removed, the observer's operation ended and the returned future completed exactly once each: at
 * once for an answer or a failure, or, for the deadline and cancellation, by the virtual thread
 * that tells the server first. The state {@link #settle} reads ({@link AnswerReader.Facts}) is
 * written before the pending future completes, which orders it.
 */
final class CallWithoutBlocking {
  private final RequestExchange exchange;
  private final RequestExchange.Outgoing out;
  private final CompletableFuture<RequestExchange.Answer> result = new CompletableFuture<>();

  /**
   * The thread going on with the call (an SSE reader, a resend), for {@link #stop} to interrupt.
   * Volatile, as is {@link #stopped}: {@link #working} writes this then reads that, {@link #stop}
   * writes that then reads this, so at least one of them sees the other's write and the thread is
   * interrupted however they interleave.
   */
  private volatile @Nullable Thread worker;

  /** Whether the call timed out or was cancelled, so that a worker started later stops too. */
  private volatile boolean stopped;

  CallWithoutBlocking(RequestExchange exchange, RequestExchange.Outgoing out) {
    this.exchange = exchange;
    this.out = out;
  }

  /** Sends the request; {@return its answer's future, whose cancellation cancels the request} */
  CompletableFuture<RequestExchange.Answer> start(AnswerReader reader) {
    CompletableFuture<JsonNode> answer = out.call().answer();
    answer.whenComplete(this::settle);
    result.whenComplete(
        (value, failure) -> {
          if (failure instanceof CancellationException cancelled) {
            answer.completeExceptionally(cancelled);
          }
        });
    try {
      reader.answerWithoutBlocking(
          out.newRequest().get(),
          out.newRequest(),
          out.via(),
          out.id(),
          out.call(),
          out.facts(),
          out.deadlineNanos(),
          this::working);
    } catch (RuntimeException e) {
      answer.completeExceptionally(e);
    }
    return result;
  }

  /** Runs once, on the thread that completed the call's pending future. */
  private void settle(@Nullable JsonNode value, @Nullable Throwable failure) {
    exchange.forget(out.id());
    if (failure instanceof TimeoutException) {
      stop(RequestExchange.timedOutReason(out.timeout()), RequestExchange.timedOut(out));
    } else if (failure instanceof CancellationException cancelled) {
      stop("the caller cancelled the request", cancelled);
    } else if (failure != null) {
      end(null, RequestExchange.failure(out.method(), failure));
    } else {
      end(value, null);
    }
  }

  /**
   * Ends a call that timed out or was cancelled: stops its worker, and on a virtual thread (the
   * POST blocks) aborts the exchange and tells the server, then ends the call with {@code failure}.
   */
  private void stop(String reason, RuntimeException failure) {
    stopped = true;
    Thread going = worker;
    if (going != null) {
      going.interrupt();
    }
    Thread.ofVirtual()
        .name("mcp-client-cancel")
        .start(
            () -> {
              try {
                exchange.cancel(out.via(), out.id(), out.facts().request, reason);
              } finally {
                end(null, failure);
              }
            });
  }

  private void end(@Nullable JsonNode value, @Nullable RuntimeException failure) {
    AnswerReader.Facts facts = out.facts();
    try {
      out.operation()
          .ended(RequestExchange.errorType(out.method(), value, failure), facts.httpVersion);
    } finally {
      if (failure != null) {
        result.completeExceptionally(failure);
      } else {
        result.complete(
            new RequestExchange.Answer(
                requireNonNull(value, "result"), facts.sessionId, facts.httpVersion));
      }
    }
  }

  /**
   * Told of a thread that goes on with the call; interrupts it if the call is stopped already.
   * Until then Jetty's timeout of the exchange was the call's deadline; from now on (a stream that
   * may be resumed, a refusal sent again) the pending future has one of its own, a timer task that
   * a JSON answer, the usual case, never pays for.
   */
  private void working(@Nullable Thread thread) {
    if (thread == null) {
      return;
    }
    out.call()
        .answer()
        .orTimeout(Math.max(1, out.deadlineNanos() - System.nanoTime()), TimeUnit.NANOSECONDS);
    worker = thread;
    if (stopped) {
      thread.interrupt();
    }
  }
}
