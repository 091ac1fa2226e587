package dev.mcpkit.transport.jetty.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.spi.transport.JsonRpcCodec;
import dev.mcpkit.api.spi.transport.MessageSink;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.util.thread.AutoLock;
import org.jspecify.annotations.Nullable;

/**
 * Where the engine sends messages while it serves a POST on an I/O thread ({@link InlineRequests}):
 * nothing may block there, so messages (a non-blocking tool's progress or log) are kept, encoded,
 * and written with the responses as one SSE answer once the engine returns. {@link #closeStream()}
 * does nothing: the answer is written whole, there is no stream to end early.
 *
 * <p>Thread-safe: a tool may send from threads of its own. Once {@link #drain()} took the messages,
 * later ones are dropped, like on a finished {@link ResponseChannel}.
 */
@SuppressWarnings("try") // try (AutoLock ignored = lock.lock()): the lock is the resource
final class InlineSink implements MessageSink {
  private final JsonRpcCodec codec;
  private final @Nullable String networkProtocolVersion;
  private final AutoLock lock = new AutoLock();
  private @Nullable List<byte[]> messages; // guarded by lock; created at the first message
  private boolean drained; // guarded by lock

  InlineSink(JsonRpcCodec codec, @Nullable String networkProtocolVersion) {
    this.codec = requireNonNull(codec, "codec");
    this.networkProtocolVersion = networkProtocolVersion;
  }

  @Override
  public void send(JsonRpcMessage message) {
    byte[] encoded = codec.encode(requireNonNull(message, "message"));
    try (AutoLock ignored = lock.lock()) {
      if (drained) {
        return;
      }
      if (messages == null) {
        messages = new ArrayList<>(4);
      }
      messages.add(encoded);
    }
  }

  @Override
  public @Nullable String networkProtocolVersion() {
    return networkProtocolVersion;
  }

  @Override
  public boolean isOpen() {
    try (AutoLock ignored = lock.lock()) {
      return !drained;
    }
  }

  /**
   * Ends the sink: returns the messages sent so far, in order; later ones are dropped.
   *
   * @return the encoded messages, or {@code null} if none was sent
   */
  @Nullable List<byte[]> drain() {
    try (AutoLock ignored = lock.lock()) {
      drained = true;
      return messages;
    }
  }
}
