package dev.mcpkit.transport.jetty.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.junit.jupiter.api.Test;

/**
 * {@link McpRequestHeaders} answers what {@code HttpFields.get} and {@link MediaTypes#accepted}
 * answer for each name: the first field's value, names in any case, every {@code Accept} field.
 */
class McpRequestHeadersTest {
  @Test
  void readsEachHeaderAsHttpFieldsGetWould() {
    HttpFields headers =
        HttpFields.build()
            .add(HttpHeader.HOST, "127.0.0.1")
            .add(HttpHeader.CONTENT_TYPE, "application/json")
            .add(HttpHeader.CONTENT_TYPE, "text/plain")
            .add("mcp-session-id", "abc")
            .add("Mcp-Session-Id", "second")
            .add("MCP-PROTOCOL-VERSION", "2025-11-25")
            .add("Mcp-Method", "tools/call")
            .add("Content-Lengthy", "not a header of ours")
            .add(HttpHeader.ACCEPT, "application/json")
            .add(HttpHeader.ACCEPT, "text/event-stream");
    McpRequestHeaders read = McpRequestHeaders.of(headers);
    assertThat(read.contentType()).isEqualTo(headers.get(HttpHeader.CONTENT_TYPE));
    assertThat(read.sessionId()).isEqualTo("abc").isEqualTo(headers.get("Mcp-Session-Id"));
    assertThat(read.protocolVersion()).isEqualTo("2025-11-25");
    assertThat(read.method()).isEqualTo("tools/call");
    assertThat(read.accepted())
        .isEqualTo(MediaTypes.accepted(headers))
        .isEqualTo(MediaTypes.JSON | MediaTypes.EVENT_STREAM);
  }

  @Test
  void absentHeadersAreNull() {
    McpRequestHeaders read =
        McpRequestHeaders.of(HttpFields.build().add("Mcp-Name", "echo").add("X-Other", "1"));
    assertThat(read).isEqualTo(new McpRequestHeaders(0, null, null, null, null));
  }
}
