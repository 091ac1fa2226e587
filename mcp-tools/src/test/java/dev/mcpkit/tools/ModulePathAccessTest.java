package dev.mcpkit.tools;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.tools.closed.ClosedRecords;
import org.junit.jupiter.api.Test;

/**
 * On the module path a record in a package not opened to Jackson fails at registration with the
 * {@code opens} line to add, not at each call.
 */
class ModulePathAccessTest {

  @Test
  void methodToolWithARecordJacksonCannotReachFailsAtRegistration() {
    assertThatThrownBy(
            () -> McpServerConfig.builder().serverInfo("x", "1").tools(new ClosedRecords()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "Jackson cannot reach record dev.mcpkit.tools.closed.ClosedRecords$Hidden")
        .hasMessageContaining("opens dev.mcpkit.tools.closed to tools.jackson.databind;");
  }

  @Test
  void typedToolWithARecordJacksonCannotReachFailsAtRegistration() {
    assertThatThrownBy(
            () ->
                Tool.typed(
                    "hidden",
                    "Cannot bind.",
                    ClosedRecords.Hidden.class,
                    (hidden, ctx) -> dev.mcpkit.api.server.ToolResult.text(hidden.text())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tool 'hidden'")
        .hasMessageContaining("opens dev.mcpkit.tools.closed to tools.jackson.databind;");
  }
}
