package dev.mcpkit.api.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.InvocationType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class TaskSupportTest {
  private static final Tool TOOL =
      Tool.of(
          "job",
          "a job",
          JsonMapper.builder().build().createObjectNode().put("type", "object"),
          (arguments, ctx) -> ToolResult.text("done"));

  @Test
  void aToolIsNeverATaskByDefault() {
    assertThat(TOOL.taskSupport()).isEqualTo(TaskSupport.FORBIDDEN);
    assertThat(TOOL.withRequiredScopes("a").taskSupport()).isEqualTo(TaskSupport.FORBIDDEN);
  }

  @Test
  void withTaskSupportKeepsEverythingElse() {
    Tool task = TOOL.withRequiredScopes("a").withTaskSupport(TaskSupport.REQUIRED);
    assertThat(task.taskSupport()).isEqualTo(TaskSupport.REQUIRED);
    assertThat(task.requiredScopes()).containsExactly("a");
    assertThat(task.withInvocationType(InvocationType.BLOCKING).taskSupport())
        .isEqualTo(TaskSupport.REQUIRED);
  }

  @Test
  void aNonBlockingToolCannotRunAsATask() {
    Tool fast = TOOL.withInvocationType(InvocationType.NON_BLOCKING);
    assertThatThrownBy(() -> fast.withTaskSupport(TaskSupport.OPTIONAL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'job'");
    assertThat(fast.withTaskSupport(TaskSupport.FORBIDDEN).taskSupport())
        .isEqualTo(TaskSupport.FORBIDDEN);
    Tool task = TOOL.withTaskSupport(TaskSupport.OPTIONAL);
    assertThatThrownBy(() -> task.withInvocationType(InvocationType.NON_BLOCKING))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void wireNamesAreTheSpecifications() {
    assertThat(TaskSupport.OPTIONAL.wireName()).isEqualTo("optional");
    assertThat(TaskSupport.REQUIRED.wireName()).isEqualTo("required");
    assertThat(TaskSupport.FORBIDDEN.wireName()).isEqualTo("forbidden");
  }
}
