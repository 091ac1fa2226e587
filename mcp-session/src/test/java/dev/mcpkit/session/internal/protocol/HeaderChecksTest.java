package dev.mcpkit.session.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.codec.JsonRpcCodecs;
import dev.mcpkit.codec.McpParamHeaders;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderChecksTest {

  @Test
  void decodesTheBase64SentinelAndKeepsPlainValues() {
    assertThat(HeaderChecks.decode("us-west1", "Mcp-Name")).isEqualTo("us-west1");
    assertThat(HeaderChecks.decode("=?base64?SGVsbG8sIOS4lueVjA==?=", "Mcp-Name"))
        .isEqualTo("Hello, 世界");
    assertThat(HeaderChecks.decode("=?base64?PT9iYXNlNjQ/bGl0ZXJhbD89?=", "Mcp-Name"))
        .isEqualTo("=?base64?literal?=");
    assertThat(HeaderChecks.decode("=?base64?abc", "Mcp-Name"))
        .isEqualTo("=?base64?abc"); // no suffix: literal
  }

  @Test
  void refusesMalformedBase64AndControlCharacters() {
    for (String bad :
        List.of("=?base64?dXMtd2VzdDE?=", "=?base64?!!!!?=", "a\u0001b", "caf\u00e9")) {
      assertThatThrownBy(() -> HeaderChecks.decode(bad, "Mcp-Param-X"))
          .as(bad)
          .isInstanceOf(ProtocolError.class)
          .satisfies(e -> assertThat(((ProtocolError) e).error().code()).isEqualTo(-32020));
    }
  }

  @Test
  void findsMirroredParametersThroughPropertiesOnly() {
    Tool tool =
        Tool.of(
            "t",
            "d",
            JsonRpcCodecs.mapper()
                .readTree(
                    """
        {"type": "object", "properties": {
           "region": {"type": "string", "x-mcp-header": "Region"},
           "nested": {"type": "object", "properties": {"n": {"type": "integer", "x-mcp-header": "N"}}},
           "list": {"type": "array", "items": {"type": "string", "x-mcp-header": "Ignored"}}}}"""),
            (arguments, ctx) -> ToolResult.text(""));
    assertThat(HeaderChecks.mirroredParams(tool))
        .containsExactly(
            new McpParamHeaders.Mirrored("Region", List.of("region")),
            new McpParamHeaders.Mirrored("N", List.of("nested", "n")));
  }
}
