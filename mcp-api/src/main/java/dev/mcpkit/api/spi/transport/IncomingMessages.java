package dev.mcpkit.api.spi.transport;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import java.security.Principal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One POST as the transport hands it to {@link TransportEngine#post(IncomingMessages,
 * MessageSink)}: the parsed messages and the HTTP-level facts the engine needs.
 *
 * @param messages the messages of the body, in order; not empty
 * @param batch {@code true} if the body was a JSON array
 * @param sessionId the raw {@code Mcp-Session-Id} header, or {@code null} if absent
 * @param protocolVersion the raw {@code MCP-Protocol-Version} header, or {@code null} if absent
 * @param principal the authenticated principal, or {@code null}
 * @param headers the request's HTTP headers, for the header/body checks of revision 2026-07-28
 * @param clientAddress the address the request came from (an IP address), or {@code null} if
 *     unknown; the engine counts new sessions per address (see {@link dev.mcpkit.api.ClientLimits})
 */
public record IncomingMessages(
    List<JsonRpcMessage> messages,
    boolean batch,
    @Nullable String sessionId,
    @Nullable String protocolVersion,
    @Nullable Principal principal,
    RequestHeaders headers,
    @Nullable String clientAddress) {

  /** Validates the fields and copies the list. */
  public IncomingMessages {
    requireNonNull(headers, "headers");
    messages = List.copyOf(requireNonNull(messages, "messages"));
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("messages must not be empty");
    }
  }

  /**
   * Creates the messages of a POST whose client address is unknown.
   *
   * @param messages the messages of the body, in order; not empty
   * @param batch {@code true} if the body was a JSON array
   * @param sessionId the raw {@code Mcp-Session-Id} header, or {@code null} if absent
   * @param protocolVersion the raw {@code MCP-Protocol-Version} header, or {@code null} if absent
   * @param principal the authenticated principal, or {@code null}
   * @param headers the request's HTTP headers
   */
  public IncomingMessages(
      List<JsonRpcMessage> messages,
      boolean batch,
      @Nullable String sessionId,
      @Nullable String protocolVersion,
      @Nullable Principal principal,
      RequestHeaders headers) {
    this(messages, batch, sessionId, protocolVersion, principal, headers, null);
  }

  /**
   * Creates the messages of a POST whose headers beyond these do not matter (the session-based
   * revisions).
   *
   * @param messages the messages of the body, in order; not empty
   * @param batch {@code true} if the body was a JSON array
   * @param sessionId the raw {@code Mcp-Session-Id} header, or {@code null} if absent
   * @param protocolVersion the raw {@code MCP-Protocol-Version} header, or {@code null} if absent
   * @param principal the authenticated principal, or {@code null}
   */
  public IncomingMessages(
      List<JsonRpcMessage> messages,
      boolean batch,
      @Nullable String sessionId,
      @Nullable String protocolVersion,
      @Nullable Principal principal) {
    this(messages, batch, sessionId, protocolVersion, principal, RequestHeaders.NONE, null);
  }
}
