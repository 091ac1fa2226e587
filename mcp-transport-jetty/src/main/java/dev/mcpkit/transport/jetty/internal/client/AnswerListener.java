package dev.mcpkit.transport.jetty.internal.client;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.jspecify.annotations.Nullable;

/**
 * Receives the response to one POSTed request and wakes its caller once: when the whole body is in,
 * for a JSON answer (or any other that is not a successful event stream), or at the headers of a
 * successful {@code text/event-stream} answer, whose body is then read as a stream.
 *
 * <p>Why not Jetty's {@link InputStreamResponseListener} for everything: it wakes the caller at the
 * headers and again for each chunk of the body, and the caller's read demands the next chunk, so a
 * JSON answer of a few hundred bytes costs two or three hand-offs between Jetty's selector and the
 * caller's (virtual) thread, each a carrier to wake when the machine is idle. Here the body is
 * copied on the selector as it arrives and the caller is woken by one future completed when the
 * response is complete (issue 16: the gateway's added latency at one user, and its CPU per proxied
 * call). An event stream goes on to an {@link InputStreamResponseListener} that this listener
 * forwards every later event to, exactly as Jetty would have called it.
 *
 * <p>Thread-safety: Jetty calls the listener methods of one response one after the other, each
 * event happening-before the next; the caller reads the body, the response and the stream only
 * after {@link #await} returned (or in the action given to {@link #onReady}), which the completion
 * of the future orders after every write here. {@code stream} is volatile because it is read by
 * each later event on whichever Jetty thread delivers it.
 */
final class AnswerListener implements Response.Listener {
  /** Answers up to this size declared by {@code Content-Length} get an array of that size. */
  private static final long MAX_SIZED_BODY = 1 << 20;

  private static final byte[] EMPTY = new byte[0];

  private final CompletableFuture<Response> ready = new CompletableFuture<>();
  private final int maxBytes;
  private volatile @Nullable InputStreamResponseListener stream;
  private byte[] body = EMPTY;
  private int length;
  private boolean tooLarge;

  /**
   * @param maxBytes the largest body kept; a larger one aborts the exchange with {@link
   *     MessageTooLargeException}
   */
  AnswerListener(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public void onHeaders(Response response) {
    String contentType = response.getHeaders().get(HttpHeader.CONTENT_TYPE);
    if (response.getStatus() / 100 == 2
        && contentType != null
        && contentType.startsWith(ClientHttp.EVENT_STREAM)) {
      InputStreamResponseListener events = new InputStreamResponseListener();
      events.onHeaders(response);
      stream = events;
      ready.complete(response);
      return;
    }
    long declared = response.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
    if (declared > maxBytes) {
      refuse(response);
    } else if (declared > 0 && declared <= MAX_SIZED_BODY) {
      body = new byte[(int) declared];
    }
  }

  @Override
  public void onContent(Response response, Content.Chunk chunk, Runnable demander)
      throws Exception {
    InputStreamResponseListener events = stream;
    if (events != null) {
      events.onContent(response, chunk, demander);
      return;
    }
    if (tooLarge) {
      return; // aborted: no more demand
    }
    ByteBuffer bytes = chunk.getByteBuffer();
    if ((long) length + bytes.remaining() > maxBytes) {
      refuse(response);
      return;
    }
    append(bytes);
    demander.run();
  }

  private void refuse(Response response) {
    tooLarge = true;
    response.abort(new MessageTooLargeException("an answer", maxBytes));
  }

  @Override
  public void onSuccess(Response response) {
    InputStreamResponseListener events = stream;
    if (events != null) {
      events.onSuccess(response);
    }
  }

  @Override
  public void onFailure(Response response, Throwable failure) {
    InputStreamResponseListener events = stream;
    if (events != null) {
      events.onFailure(response, failure);
    }
  }

  @Override
  public void onComplete(Result result) {
    InputStreamResponseListener events = stream;
    if (events != null) {
      events.onComplete(result);
    } else if (result.isFailed()) {
      ready.completeExceptionally(result.getFailure());
    } else {
      ready.complete(result.getResponse());
    }
  }

  /**
   * Waits for the answer: the whole of a body, or the headers of an event stream.
   *
   * @return the response
   * @throws ExecutionException if the exchange failed before that (its cause is Jetty's failure)
   */
  Response await(long timeoutNanos)
      throws InterruptedException, TimeoutException, ExecutionException {
    return ready.get(timeoutNanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Runs {@code action} with the answer, or Jetty's failure, when {@link #await} would return: on
   * Jetty's thread that completes the response (or at once on this thread if it is already
   * complete), so {@code action} must not block. Its writes are ordered before {@code action} as
   * they are before {@link #await} returns.
   */
  void onReady(BiConsumer<? super @Nullable Response, ? super @Nullable Throwable> action) {
    ready.whenComplete(action);
  }

  /** The event stream of a successful {@code text/event-stream} answer, else {@code null}. */
  @Nullable InputStreamResponseListener stream() {
    return stream;
  }

  /**
   * The body's bytes, {@code [0, length())}; the array may be longer. Only after {@link #await}.
   */
  byte[] body() {
    return body;
  }

  /** How many bytes of {@link #body()} the answer holds. */
  int length() {
    return length;
  }

  /** Reads the rest of an event stream, so its connection can be reused; a body is already in. */
  void drain() {
    InputStreamResponseListener events = stream;
    if (events != null) {
      ClientHttp.drain(events);
    }
  }

  private void append(ByteBuffer bytes) {
    int n = bytes.remaining();
    if (n == 0) {
      return;
    }
    if (body.length - length < n) {
      body = Arrays.copyOf(body, Math.max(body.length * 2, length + Math.max(n, 512)));
    }
    bytes.get(body, length, n);
    length += n;
  }
}
