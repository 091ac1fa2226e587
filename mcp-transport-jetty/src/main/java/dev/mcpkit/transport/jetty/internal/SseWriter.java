package dev.mcpkit.transport.jetty.internal;

import dev.mcpkit.api.spi.EventId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Encodes Server-Sent Events as the MCP transport sends them: {@code event: message}, an optional
 * {@code id}, the JSON-RPC message as one {@code data} line (the codec writes JSON without line
 * breaks), priming events (an id, a {@code retry} and empty data) and comment lines for keep-alive.
 * Stateless.
 */
final class SseWriter {
  private static final byte[] MESSAGE = "event: message\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ID = "id: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] RETRY = "retry: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EMPTY_DATA = "data:\n\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

  private SseWriter() {}

  /** One message event; {@code id} is {@code null} only where no store assigned one. */
  static ByteBuffer message(@Nullable EventId id, byte[] json) {
    byte[] idBytes = id == null ? null : id.value().getBytes(StandardCharsets.US_ASCII);
    int size =
        MESSAGE.length
            + (idBytes == null ? 0 : ID.length + idBytes.length + 1)
            + DATA.length
            + json.length
            + END.length;
    ByteBuffer event = ByteBuffer.allocate(size).put(MESSAGE);
    if (idBytes != null) {
      event.put(ID).put(idBytes).put((byte) '\n');
    }
    return event.put(DATA).put(json).put(END).flip();
  }

  /** A stored event as replayed: a message, or a priming event if its data is empty. */
  static ByteBuffer replayed(EventId id, String data) {
    return data.isEmpty() ? priming(id, -1) : message(id, data.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A priming event: an id and empty data, with {@code retry} unless {@code retryMillis} is
   * negative.
   */
  static ByteBuffer priming(EventId id, long retryMillis) {
    byte[] idBytes = id.value().getBytes(StandardCharsets.US_ASCII);
    byte[] retry =
        retryMillis < 0 ? null : Long.toString(retryMillis).getBytes(StandardCharsets.US_ASCII);
    int size =
        ID.length
            + idBytes.length
            + 1
            + (retry == null ? 0 : RETRY.length + retry.length + 1)
            + EMPTY_DATA.length;
    ByteBuffer event = ByteBuffer.allocate(size).put(ID).put(idBytes).put((byte) '\n');
    if (retry != null) {
      event.put(RETRY).put(retry).put((byte) '\n');
    }
    return event.put(EMPTY_DATA).flip();
  }

  /** A comment line that keeps an idle connection (and the proxies on its way) alive. */
  static ByteBuffer keepAlive() {
    return ByteBuffer.wrap(KEEP_ALIVE);
  }
}
