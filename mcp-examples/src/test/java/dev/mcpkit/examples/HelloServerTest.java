package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.server.Content;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class HelloServerTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final Tool greet = HelloServer.config().tools().getFirst();

  @Test
  void greetGreetsByNameWithStructuredContent() throws Exception {
    ToolResult result = greet.handler().call(JSON.readTree("{\"name\":\"Ada\"}"), null);

    assertThat(result.isError()).isFalse();
    assertThat(result.structuredContent())
        .isEqualTo(JSON.readTree("{\"message\":\"Hello, Ada!\"}"));
    assertThat(result.content()).containsExactly(new Content.Text("{\"message\":\"Hello, Ada!\"}"));
  }

  @Test
  void greetWithABlankNameThrowsWhatBecomesAToolError() {
    assertThatThrownBy(() -> greet.handler().call(JSON.readTree("{\"name\":\" \"}"), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("greet needs a non-empty name");
  }

  @Test
  void theSchemasAreGeneratedFromTheMethod() {
    assertThat(greet.inputSchema())
        .isEqualTo(
            JSON.readTree(
                """
                {"type": "object",
                 "properties": {"name": {"type": "string", "description": "Who to greet"}},
                 "required": ["name"], "additionalProperties": false}"""));
    assertThat(greet.outputSchema())
        .isEqualTo(
            JSON.readTree(
                """
                {"type": "object", "properties": {"message": {"type": "string"}},
                 "required": ["message"], "additionalProperties": false}"""));
  }

  @Test
  void optionsDefaultToLoopback8080() {
    assertThat(ServerOptions.parse()).isEqualTo(new ServerOptions("127.0.0.1", 8080));
  }

  @Test
  void optionsTakeBothSpellings() {
    assertThat(ServerOptions.parse("--host", "0.0.0.0", "--port=0"))
        .isEqualTo(new ServerOptions("0.0.0.0", 0));
  }

  @Test
  void badOptionsAreNamed() {
    assertThatThrownBy(() -> ServerOptions.parse("--port", "http")).hasMessageContaining("--port");
    assertThatThrownBy(() -> ServerOptions.parse("--verbose", "yes"))
        .hasMessageContaining("--verbose");
    assertThatThrownBy(() -> ServerOptions.parse("--port", "70000")).hasMessageContaining("--port");
  }

  @Test
  void idleTimeoutIsSecondsWithinBounds() {
    assertThat(ServerOptions.parse("--idle-timeout", "20").idleTimeout())
        .isEqualTo(java.time.Duration.ofSeconds(20));
    assertThat(ServerOptions.parse().idleTimeoutOption()).isEmpty();
    assertThatThrownBy(() -> ServerOptions.parse("--idle-timeout", "1"))
        .hasMessageContaining("--idle-timeout must be from 2 to 86400 seconds, was 1");
    assertThatThrownBy(() -> ServerOptions.parse("--idle-timeout=20s"))
        .hasMessageContaining("--idle-timeout must be a whole number of seconds");
  }
}
