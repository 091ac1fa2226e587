package dev.mcpkit.transport.jetty.internal.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * An incremental parser of {@code text/event-stream} (the WHATWG "event stream interpretation"):
 * bytes arrive in pieces of any size; lines end with CR, LF or CRLF (a CR at the end of a piece
 * waits for the next one); comment lines are skipped; {@code data} lines join with LF; {@code
 * retry} takes digits only; an {@code id} with a NUL is ignored; a blank line dispatches the event.
 * The last event id is kept across events, as the specification says.
 *
 * <p>Not thread-safe: one reader feeds it.
 */
final class SseParser {

  /** One dispatched event. {@code id} is the stream's last event id when it was dispatched. */
  record Event(@Nullable String id, String type, String data) {}

  /** Receives parsed events and retry changes. */
  interface Sink {
    void event(Event event);

    void retry(long millis);
  }

  private final Sink sink;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
  private boolean lastWasCr;
  private final StringBuilder data = new StringBuilder();
  private boolean hasData;
  private @Nullable String eventType;
  private @Nullable String lastEventId;

  private final int maxEventBytes;

  /** A parser with no limit but the largest array: for tests that feed it directly. */
  SseParser(Sink sink) {
    this(sink, Integer.MAX_VALUE - 8);
  }

  /**
   * @param maxEventBytes the longest line, and the most data of one event, accepted; more throws
   *     {@link MessageTooLargeException} from {@link #feed}
   */
  SseParser(Sink sink, int maxEventBytes) {
    this.sink = sink;
    this.maxEventBytes = maxEventBytes;
  }

  /** The last event id seen, dispatched or not. */
  @Nullable String lastEventId() {
    return lastEventId;
  }

  void feed(byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      byte b = bytes[i];
      if (b == '\n') {
        if (lastWasCr) {
          lastWasCr = false; // the LF of a CRLF
          continue;
        }
        endLine();
      } else if (b == '\r') {
        lastWasCr = true;
        endLine();
      } else {
        lastWasCr = false;
        if (line.size() >= maxEventBytes) {
          throw new MessageTooLargeException("an event", maxEventBytes);
        }
        line.write(b);
      }
    }
  }

  private void endLine() {
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    if (text.isEmpty()) {
      dispatch();
      return;
    }
    if (text.charAt(0) == ':') {
      return;
    }
    int colon = text.indexOf(':');
    String field = colon < 0 ? text : text.substring(0, colon);
    String value = colon < 0 ? "" : text.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    switch (field) {
      case "data" -> {
        if (hasData) {
          data.append('\n');
        }
        if ((long) data.length() + value.length() > maxEventBytes) {
          throw new MessageTooLargeException("an event", maxEventBytes);
        }
        data.append(value);
        hasData = true;
      }
      case "event" -> eventType = value;
      case "id" -> {
        if (value.indexOf('\0') < 0) {
          lastEventId = value;
        }
      }
      case "retry" -> {
        if (!value.isEmpty()
            && value.chars().allMatch(c -> c >= '0' && c <= '9')
            && value.length() < 19) {
          sink.retry(Long.parseLong(value));
        }
      }
      default -> {} // unknown fields are ignored
    }
  }

  private void dispatch() {
    // An event with only an id (a priming event) has no data and is not dispatched, but its id
    // counts.
    if (hasData) {
      sink.event(
          new Event(lastEventId, eventType == null ? "message" : eventType, data.toString()));
    }
    data.setLength(0);
    hasData = false;
    eventType = null;
  }
}
