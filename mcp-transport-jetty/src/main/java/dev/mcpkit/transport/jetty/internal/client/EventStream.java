package dev.mcpkit.transport.jetty.internal.client;

import dev.mcpkit.api.McpHeaders;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session's GET stream: server requests and notifications that belong to no call arrive there.
 * One virtual thread listens per session; opening the stream of a new session interrupts the thread
 * of the previous one, and so does {@link #stop()}.
 *
 * <p>Thread-safety: thread-safe. The listening thread is held in an {@link AtomicReference} and
 * swapped with {@code getAndSet}, so each replaced thread is interrupted exactly once; a thread
 * also stops by itself once its session is no longer the current one.
 */
final class EventStream {
  private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);

  private final ClientSettings settings;
  private final ClientHttp http;
  private final MessageDispatcher dispatcher;

  /** Whether a session is still the client's current one and the client is open. */
  private final Predicate<ClientSession> live;

  /** The thread of the session's GET stream, interrupted when the session is replaced or closed. */
  private final AtomicReference<@Nullable Thread> getStream = new AtomicReference<>();

  EventStream(
      ClientSettings settings,
      ClientHttp http,
      MessageDispatcher dispatcher,
      Predicate<ClientSession> live) {
    this.settings = settings;
    this.http = http;
    this.dispatcher = dispatcher;
    this.live = live;
  }

  /** Opens the stream of a just established session, replacing the previous session's. */
  void open(ClientSession established) {
    CountDownLatch answered = new CountDownLatch(1);
    Thread listener =
        Thread.ofVirtual().name("mcp-client-get").unstarted(() -> listen(established, answered));
    Thread previous = getStream.getAndSet(listener);
    if (previous != null) {
      previous.interrupt();
    }
    listener.start();
    awaitFirstAnswer(answered);
  }

  /** Stops listening (the client is closed). */
  void stop() {
    Thread listener = getStream.getAndSet(null);
    if (listener != null) {
      listener.interrupt();
    }
  }

  /**
   * Waits (at most the connect timeout) until the server answered the first GET of the session's
   * stream, so that server-initiated messages sent right after initialization (which servers
   * deliver only on an open GET stream) are not lost to a race with the caller's first request.
   */
  private void awaitFirstAnswer(CountDownLatch answered) {
    try {
      if (!answered.await(settings.pool().connectTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.debug("the server has not answered the GET stream yet; going on without waiting");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Keeps the session's GET stream open: server requests and notifications that belong to no call
   * arrive there. Reconnects with {@code Last-Event-ID} after the server's {@code retry}; stops on
   * 405 (the server offers no stream), on another non-200 status, when the session is replaced or
   * closed, or after {@code maxResumeAttempts} reconnections without a new event.
   */
  private void listen(ClientSession via, CountDownLatch answered) {
    try {
      listenUntilDone(via, answered);
    } finally {
      answered.countDown(); // whatever ended the stream, initialize must not wait for it
    }
  }

  private void listenUntilDone(ClientSession via, CountDownLatch answered) {
    StreamState state =
        new StreamState(dispatcher, via, settings.retryMillis(), settings.maxMessageBytes());
    int attempts = 0;
    while (live.test(via) && !Thread.currentThread().isInterrupted()) {
      InputStreamResponseListener listener = new InputStreamResponseListener();
      String lastId = state.lastEventId;
      Request request =
          http.newRequest(via, HttpMethod.GET)
              .headers(
                  h -> {
                    h.put(HttpHeader.ACCEPT, ClientHttp.EVENT_STREAM);
                    if (lastId != null) {
                      h.put(McpHeaders.LAST_EVENT_ID, lastId);
                    }
                  });
      request.send(listener);
      try {
        Response response =
            listener.get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        answered.countDown();
        if (response.getStatus() != 200) {
          LOG.debug("the server answered HTTP {} to the GET stream", response.getStatus());
          ClientHttp.drain(listener);
          return;
        }
        state.readAll(listener, "the GET stream");
        attempts = state.attemptsAfter(attempts);
        if (attempts > settings.maxResumeAttempts()) {
          return;
        }
        Thread.sleep(state.retryMillis);
      } catch (InterruptedException e) {
        request.abort(e);
        return; // the session was replaced or the client closed: this thread's work is over
      } catch (TimeoutException | ExecutionException e) {
        LOG.debug("the GET stream failed", e);
        return;
      } catch (MessageTooLargeException e) {
        // Reopening the stream would only receive the same event again.
        LOG.warn("giving up the session's GET stream: {}", e.reason());
        return;
      }
    }
  }
}
