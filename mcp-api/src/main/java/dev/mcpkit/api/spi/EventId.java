package dev.mcpkit.api.spi;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The id of one SSE event, as sent in the event's {@code id} field and returned by the client in
 * {@code Last-Event-ID}.
 *
 * <p>Clients treat it as opaque. On the wire it is {@code <stream>:<sequence>}: the {@link
 * StreamId} the event was sent on, the separator {@value StreamId#RESERVED}, and the event's
 * sequence number in canonical decimal (no sign, no leading zeros), for example {@code get:42} or
 * {@code p7:1031}. Because the stream is part of the id, a store finds the stream of a {@code
 * Last-Event-ID} without a global index, and a replay can never cross into another stream. The
 * rendering is visible ASCII only, at most {@value #MAX_LENGTH} characters, and {@link
 * #parse(String)} and {@link #value()} are inverse.
 *
 * <p>The sequence number is assigned by the {@link EventStore}: unique within the session (so that
 * event ids are unique across all streams of a session, as the MCP specification requires) and
 * increasing along each stream in append order.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param stream the stream the event was sent on
 * @param sequence the event's sequence number; zero or positive
 */
public record EventId(StreamId stream, long sequence) {
  /** The longest rendering: a maximal stream id, the separator and 19 digits. */
  public static final int MAX_LENGTH = StreamId.MAX_LENGTH + 1 + 19;

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException if the sequence is negative
   */
  public EventId {
    requireNonNull(stream, "stream");
    if (sequence < 0) {
      throw new IllegalArgumentException("event sequence must not be negative, was " + sequence);
    }
  }

  /**
   * Parses a {@code Last-Event-ID} header value. Anything that this type did not render (a foreign
   * or garbled id, an id too long, a sequence with a sign, leading zeros or too many digits) yields
   * an empty result rather than an exception, so the transport can decide to answer 400 or to start
   * a fresh stream.
   *
   * @param value the header's value, may be {@code null}
   * @return the id, or empty if the value is not one
   */
  public static Optional<EventId> parse(@Nullable String value) {
    if (value == null || value.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    int separator = value.indexOf(StreamId.RESERVED);
    if (separator <= 0) {
      return Optional.empty();
    }
    String stream = value.substring(0, separator);
    if (!StreamId.isValid(stream)) {
      return Optional.empty();
    }
    long sequence = parseCanonicalSequence(value, separator + 1);
    if (sequence < 0) {
      return Optional.empty();
    }
    return Optional.of(new EventId(new StreamId(stream), sequence));
  }

  /**
   * Returns the number in {@code value[from..]}, or -1 unless it is canonical decimal that fits.
   */
  private static long parseCanonicalSequence(String value, int from) {
    int digits = value.length() - from;
    if (digits < 1 || digits > 19 || (digits > 1 && value.charAt(from) == '0')) {
      return -1;
    }
    long result = 0;
    for (int i = from; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      int digit = c - '0';
      if (result > (Long.MAX_VALUE - digit) / 10) {
        return -1; // overflow: 19 digits above Long.MAX_VALUE
      }
      result = result * 10 + digit;
    }
    return result;
  }

  /**
   * Renders the id as sent on the wire.
   *
   * @return {@code <stream>:<sequence>}
   */
  public String value() {
    return stream.value() + StreamId.RESERVED + sequence;
  }

  /** Returns {@link #value()}. */
  @Override
  public String toString() {
    return value();
  }
}
