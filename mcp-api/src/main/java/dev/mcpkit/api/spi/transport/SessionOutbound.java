package dev.mcpkit.api.spi.transport;

import dev.mcpkit.api.Session;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;

/**
 * The transport's channel for server-initiated messages that belong to no request (resource
 * updates, list changes): in Streamable HTTP, the session's standalone GET stream. The transport
 * attaches one with {@link TransportEngine#attachOutbound(SessionOutbound)}; until then the engine
 * uses {@link #DISCARD}.
 *
 * <p>Implementations are thread-safe and should not block for long: the engine calls them once per
 * session, in turn, on the thread that publishes.
 */
@FunctionalInterface
public interface SessionOutbound {

  /** Drops every message: the channel of an engine no transport attached one to. */
  SessionOutbound DISCARD = (session, message) -> false;

  /**
   * Sends a message to one session's server-initiated stream.
   *
   * @param session the session
   * @param message the notification (or, later, request)
   * @return {@code true} if it was handed to an open stream; {@code false} if the session has none
   *     and the message was dropped
   */
  boolean send(Session session, JsonRpcMessage message);
}
