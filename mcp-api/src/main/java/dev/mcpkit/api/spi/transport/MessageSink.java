package dev.mcpkit.api.spi.transport;

import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import org.jspecify.annotations.Nullable;

/**
 * Where the engine sends messages to the client while it is still working on a POST: notifications
 * (progress, log messages) and, later, server-to-client requests. The transport owns it: the first
 * message typically turns the HTTP answer from a single JSON body into an SSE stream.
 *
 * <p>Implementations are thread-safe. Messages sent after the POST was answered are dropped.
 */
@FunctionalInterface
public interface MessageSink {

  /**
   * Sends a message to the client, blocking until it is handed to the network.
   *
   * @param message a notification or request (never the final response; the engine returns that)
   */
  void send(JsonRpcMessage message);

  /**
   * Ends the HTTP connection that carries this exchange's SSE stream without ending the stream
   * (polling, protocol revision 2025-11-25): the client reconnects with GET and {@code
   * Last-Event-ID} and receives what was sent meanwhile, the response included. If nothing was
   * streamed yet, the stream starts first, so the client has an event id to resume from. Does
   * nothing where the stream cannot be resumed (sessions negotiated before 2025-11-25, which get no
   * priming event) or after the exchange was answered.
   */
  default void closeStream() {}

  /**
   * Returns the version of the network protocol this exchange travels over, for observers ({@code
   * network.protocol.version}): {@code "1.1"} or {@code "2"} for HTTP.
   *
   * @return the version, or {@code null} if the transport does not say
   */
  default @Nullable String networkProtocolVersion() {
    return null;
  }

  /**
   * Tells whether the client can still receive on this exchange: {@code false} once writing to it
   * failed (the client closed the response stream), it was answered, or the server is stopping. The
   * transport keeps quiet streams alive with SSE comments, which is also how it notices a client
   * that went away. Long-lived answers (the {@code subscriptions/listen} stream of revision
   * 2026-07-28) stop when it turns {@code false}.
   *
   * @return {@code true} while the exchange is open
   */
  default boolean isOpen() {
    return true;
  }

  /**
   * Registers what to do when the client closes this exchange before its answer (revision
   * 2026-07-28: closing the response stream cancels the request). Runs at most once, on whichever
   * thread notices the close; not at all if the exchange ends normally.
   *
   * @param onClose the action, typically cancelling the request
   */
  default void onClientClose(Runnable onClose) {}
}
