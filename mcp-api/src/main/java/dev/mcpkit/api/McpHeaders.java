package dev.mcpkit.api;

/** HTTP header names that MCP's Streamable HTTP transport defines or relies on. */
public final class McpHeaders {
  /** Carries the session id, issued on the initialize response and required afterwards. */
  public static final String MCP_SESSION_ID = "Mcp-Session-Id";

  /** Carries the negotiated protocol version on every request after initialization. */
  public static final String MCP_PROTOCOL_VERSION = "MCP-Protocol-Version";

  /** Names the last SSE event a client saw, to resume a stream. */
  public static final String LAST_EVENT_ID = "Last-Event-ID";

  /**
   * Mirrors the JSON-RPC {@code method} of a POST (revision 2026-07-28); the server rejects a
   * request whose header disagrees with its body.
   */
  public static final String MCP_METHOD = "Mcp-Method";

  /**
   * Mirrors {@code params.name} ({@code tools/call}, {@code prompts/get}) or {@code params.uri}
   * ({@code resources/read}) of a POST (revision 2026-07-28), plain or in the Base64 sentinel form
   * {@code =?base64?...?=}.
   */
  public static final String MCP_NAME = "Mcp-Name";

  /**
   * The prefix of the headers that mirror tool arguments annotated with {@code x-mcp-header}
   * (revision 2026-07-28): {@code Mcp-Param-{name}}.
   */
  public static final String MCP_PARAM_PREFIX = "Mcp-Param-";

  private McpHeaders() {}
}
