package dev.mcpkit.transport.jetty;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads an SSE response incrementally, event by event, as the server writes it: a virtual thread
 * parses the lines into {@link Event}s and queues them, and the test takes them with a timeout. The
 * end of the response is queued too, so a test can wait for the server to close the stream.
 */
final class SseReader implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /**
   * One dispatched block: an event (id, retry, data; {@code data} empty for a priming event) or,
   * when the block held only comment lines, a comment.
   */
  record Event(@Nullable String id, @Nullable String retry, String data, @Nullable String comment) {
    boolean isComment() {
      return comment != null;
    }

    boolean isPriming() {
      return comment == null && id != null && data.isEmpty();
    }

    JsonNode json() {
      return TestServer.JSON.readTree(data);
    }

    /** The stream part of the id ({@code p1} of {@code p1:7}). */
    String stream() {
      return id == null ? "" : id.substring(0, id.indexOf(':'));
    }
  }

  private static final Event END = new Event(null, null, "", "<end>");

  final HttpResponse<Stream<String>> response;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final Thread parser;

  private SseReader(HttpResponse<Stream<String>> response) {
    this.response = response;
    this.parser = Thread.ofVirtual().name("sse-reader").start(this::parse);
  }

  /** Waits for the response's headers and starts reading its body. */
  static SseReader open(CompletableFuture<HttpResponse<Stream<String>>> pending) {
    try {
      return new SseReader(pending.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("no response headers", e);
    }
  }

  int status() {
    return response.statusCode();
  }

  /** The next event, comments included; fails if none comes in time or the stream ended. */
  Event next() {
    Event event = poll();
    if (event == END) {
      throw new AssertionError("the stream ended");
    }
    return event;
  }

  /** The next event that is not a comment. */
  Event nextEvent() {
    Event event = next();
    while (event.isComment()) {
      event = next();
    }
    return event;
  }

  /** The next message event (not a comment, not a priming event). */
  Event nextMessage() {
    Event event = nextEvent();
    while (event.isPriming()) {
      event = nextEvent();
    }
    return event;
  }

  /**
   * Waits for the end of the stream; returns the events (comments excluded) that came before it.
   */
  List<Event> awaitEnd() {
    List<Event> rest = new ArrayList<>();
    for (Event event = poll(); event != END; event = poll()) {
      if (!event.isComment()) {
        rest.add(event);
      }
    }
    return rest;
  }

  private Event poll() {
    try {
      Event event = events.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (event == null) {
        throw new AssertionError("no SSE event within " + TIMEOUT);
      }
      return event;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private void parse() {
    String id = null;
    String retry = null;
    StringBuilder data = null;
    String comment = null;
    try (Stream<String> lines = response.body()) {
      for (String line : (Iterable<String>) lines::iterator) {
        if (line.isEmpty()) {
          if (data != null || id != null || retry != null) {
            events.add(new Event(id, retry, data == null ? "" : data.toString(), null));
          } else if (comment != null) {
            events.add(new Event(null, null, "", comment));
          }
          id = null;
          retry = null;
          data = null;
          comment = null;
        } else if (line.startsWith(":")) {
          comment = line.substring(1).strip();
        } else {
          int colon = line.indexOf(':');
          String field = colon < 0 ? line : line.substring(0, colon);
          String value = colon < 0 ? "" : line.substring(colon + 1);
          if (value.startsWith(" ")) {
            value = value.substring(1);
          }
          switch (field) {
            case "id" -> id = value;
            case "retry" -> retry = value;
            case "data" ->
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            default -> {}
          }
        }
      }
    } catch (RuntimeException e) {
      // the connection broke or was closed by the test: that is an end too
    } finally {
      events.add(END);
    }
  }

  @Override
  public void close() {
    parser.interrupt();
    response.body().close();
  }
}
