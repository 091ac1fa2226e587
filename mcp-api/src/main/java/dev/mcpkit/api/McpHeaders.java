package dev.mcpkit.api;

/** HTTP header names that MCP's Streamable HTTP transport defines or relies on. */
public final class McpHeaders {
  /** Carries the session id, issued on the initialize response and required afterwards. */
  public static final String MCP_SESSION_ID = "Mcp-Session-Id";
  /** Carries the negotiated protocol version on every request after initialization. */
  public static final String MCP_PROTOCOL_VERSION = "MCP-Protocol-Version";
  /** Names the last SSE event a client saw, to resume a stream. */
  public static final String LAST_EVENT_ID = "Last-Event-ID";

  private McpHeaders() {}
}
