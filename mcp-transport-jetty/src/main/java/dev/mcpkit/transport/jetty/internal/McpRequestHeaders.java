package dev.mcpkit.transport.jetty.internal;

import dev.mcpkit.api.McpHeaders;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.jspecify.annotations.Nullable;

/**
 * The headers a request to the MCP endpoint is judged and served by, read in one pass over its
 * fields: {@code HttpFields.get(String)} scans every field with a case-insensitive comparison, once
 * per name asked, and a POST asked for five names. The inline path reads them once and hands them
 * to the request thread with the body ({@link Preread}); the request thread reads them itself only
 * for what the inline path did not classify. Each value is the first field's of that name, as
 * {@code HttpFields.get} answers.
 *
 * @param accepted what the {@code Accept} fields admit ({@link MediaTypes#accepted(String)} bits,
 *     of every {@code Accept} field)
 * @param contentType the {@code Content-Type}, or {@code null}
 * @param sessionId the {@code Mcp-Session-Id}, or {@code null}
 * @param protocolVersion the {@code MCP-Protocol-Version}, or {@code null}
 * @param method the {@code Mcp-Method}, or {@code null}
 */
record McpRequestHeaders(
    int accepted,
    @Nullable String contentType,
    @Nullable String sessionId,
    @Nullable String protocolVersion,
    @Nullable String method) {

  /** Reads them; lengths first, so most fields are passed over without comparing their names. */
  static McpRequestHeaders of(HttpFields headers) {
    int accepted = 0;
    String contentType = null;
    String sessionId = null;
    String protocolVersion = null;
    String method = null;
    for (HttpField field : headers) {
      HttpHeader known = field.getHeader();
      if (known == HttpHeader.ACCEPT) {
        String value = field.getValue();
        if (value != null) {
          accepted |= MediaTypes.accepted(value);
        }
      } else if (known == HttpHeader.CONTENT_TYPE) {
        if (contentType == null) {
          contentType = field.getValue();
        }
      } else if (known == null) {
        String name = field.getName();
        int length = name.length();
        if (sessionId == null
            && length == McpHeaders.MCP_SESSION_ID.length()
            && name.equalsIgnoreCase(McpHeaders.MCP_SESSION_ID)) {
          sessionId = field.getValue();
        } else if (protocolVersion == null
            && length == McpHeaders.MCP_PROTOCOL_VERSION.length()
            && name.equalsIgnoreCase(McpHeaders.MCP_PROTOCOL_VERSION)) {
          protocolVersion = field.getValue();
        } else if (method == null
            && length == McpHeaders.MCP_METHOD.length()
            && name.equalsIgnoreCase(McpHeaders.MCP_METHOD)) {
          method = field.getValue();
        }
      }
    }
    return new McpRequestHeaders(accepted, contentType, sessionId, protocolVersion, method);
  }
}
