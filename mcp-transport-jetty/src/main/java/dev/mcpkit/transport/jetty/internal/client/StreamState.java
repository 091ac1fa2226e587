package dev.mcpkit.transport.jetty.internal.client;

import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per stream state, across its reconnections: what was seen, and when to reconnect. One for a POST
 * answer's stream (resumed with GET), one for the session's GET stream.
 *
 * <p>Thread-safety: not thread-safe; confined to the thread that reads the stream.
 */
final class StreamState implements SseParser.Sink {
  private static final Logger LOG = LoggerFactory.getLogger(StreamState.class);

  /** Recent ids only: the GET stream lives as long as the session (see {@link RecentEventIds}). */
  final RecentEventIds seen = new RecentEventIds(RecentEventIds.DEFAULT_CAPACITY);

  private final MessageDispatcher dispatcher;
  final @Nullable ClientSession via;
  long retryMillis;
  @Nullable String lastEventId;
  boolean progressed;

  private final int maxEventBytes;

  StreamState(
      MessageDispatcher dispatcher,
      @Nullable ClientSession via,
      long retryMillis,
      int maxEventBytes) {
    this.dispatcher = dispatcher;
    this.via = via;
    this.retryMillis = retryMillis;
    this.maxEventBytes = maxEventBytes;
  }

  @Override
  public void event(SseParser.Event event) {
    if (event.id() != null) {
      lastEventId = event.id();
      if (!seen.add(event.id())) {
        return; // a replay of what this call already delivered
      }
    }
    progressed = true;
    if ("message".equals(event.type()) && !event.data().isEmpty()) {
      dispatcher.dispatchAll(event.data(), via);
    }
  }

  @Override
  public void retry(long millis) {
    retryMillis = millis;
  }

  /**
   * Parses one response's event stream to its end, dispatching its messages, then keeps its last
   * event id for the next reconnection. A broken stream is only logged: the caller resumes it.
   *
   * @throws MessageTooLargeException if an event is larger than the client accepts (the stream is
   *     closed, which aborts it)
   * @param what the stream, for the log
   */
  void readAll(InputStreamResponseListener listener, Object what) {
    SseParser parser = new SseParser(this, maxEventBytes);
    try (InputStream in = listener.getInputStream()) {
      byte[] buffer = new byte[8192];
      int n;
      // Read to the end even after the answer: the server ends the stream right after it, and an
      // HTTP/1.1 connection goes back to the pool only when its response was read in full.
      while ((n = in.read(buffer)) >= 0) {
        parser.feed(buffer, 0, n);
      }
    } catch (IOException e) {
      LOG.debug("{} broke", what, e);
    }
    if (parser.lastEventId() != null) {
      lastEventId = parser.lastEventId();
    }
  }

  /**
   * Counts one more reconnection: back to 1 when the last connection brought a new event, so only
   * consecutive reconnections without progress add up to {@code maxResumeAttempts}.
   */
  int attemptsAfter(int attempts) {
    int next = progressed ? 1 : attempts + 1;
    progressed = false;
    return next;
  }
}
