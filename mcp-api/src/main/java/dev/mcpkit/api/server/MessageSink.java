package dev.mcpkit.api.server;

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
   * (polling, protocol revision 2025-11-25): the client reconnects with GET and
   * {@code Last-Event-ID} and receives what was sent meanwhile, the response included. If nothing
   * was streamed yet, the stream starts first, so the client has an event id to resume from. Does
   * nothing where the stream cannot be resumed (sessions negotiated before 2025-11-25, which get
   * no priming event) or after the exchange was answered.
   */
  default void closeStream() {}

  /**
   * Returns the version of the network protocol this exchange travels over, for observers
   * ({@code network.protocol.version}): {@code "1.1"} or {@code "2"} for HTTP.
   *
   * @return the version, or {@code null} if the transport does not say
   */
  default @Nullable String networkProtocolVersion() {
    return null;
  }
}
