package dev.mcpkit.api.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.InvocationType;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/** The required scopes of tools, resources, templates and prompts: defaults, copies, syntax. */
class RequiredScopesTest {
  private static final Tool TOOL =
      Tool.of(
          "t",
          "A tool.",
          JsonMapper.builder().build().createObjectNode().put("type", "object"),
          (arguments, ctx) -> ToolResult.text(""));
  private static final Resource RESOURCE =
      Resource.of("test://r", "r", null, null, (uri, ctx) -> List.of());
  private static final ResourceTemplate TEMPLATE =
      ResourceTemplate.of("test://{x}", "x", null, null, (uri, variables, ctx) -> List.of());
  private static final Prompt PROMPT =
      Prompt.of("p", "A prompt.", List.of(), (arguments, ctx) -> PromptResult.of());

  @Test
  void nothingIsRequiredUnlessSaid() {
    assertThat(TOOL.requiredScopes()).isEmpty();
    assertThat(RESOURCE.requiredScopes()).isEmpty();
    assertThat(TEMPLATE.requiredScopes()).isEmpty();
    assertThat(PROMPT.requiredScopes()).isEmpty();
  }

  @Test
  void withRequiredScopesReplacesThemAndKeepsTheRest() {
    Tool tool =
        TOOL.withRequiredScopes("a", "b", "a")
            .withInvocationType(InvocationType.NON_BLOCKING)
            .withRequiredScopes("files:read", "mcp:tools");

    assertThat(tool.requiredScopes()).containsExactlyInAnyOrder("files:read", "mcp:tools");
    assertThat(tool.invocationType()).isEqualTo(InvocationType.NON_BLOCKING);
    assertThat(tool.withRequiredScopes().requiredScopes()).isEmpty();
    assertThat(RESOURCE.withRequiredScopes("r").withTitle("R").requiredScopes())
        .containsExactly("r");
    assertThat(
            TEMPLATE
                .withRequiredScopes("t")
                .withTitle("T")
                .withCompleter("x", CompletionHandler.prefixOf(List.of()))
                .requiredScopes())
        .containsExactly("t");
    assertThat(PROMPT.withRequiredScopes("p").withTitle("P").requiredScopes()).containsExactly("p");
  }

  @Test
  void theOlderConstructorsRequireNothing() {
    assertThat(
            new Tool("t", "d", TOOL.inputSchema(), TOOL.handler(), InvocationType.NON_BLOCKING)
                .requiredScopes())
        .isEmpty();
    assertThat(new Prompt("p", null, "d", List.of(), PROMPT.handler()).requiredScopes()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "two words", "quote\"d", "back\\slash", "tab\t", "crlf\r\n", "é"})
  void aScopeMustBeAnRfc6749ScopeToken(String scope) {
    assertThatThrownBy(() -> TOOL.withRequiredScopes(scope))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tool 't'");
    assertThatThrownBy(() -> RESOURCE.withRequiredScopes(scope))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TEMPLATE.withRequiredScopes(scope))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PROMPT.withRequiredScopes(scope))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new Prompt("p", null, "d", List.of(), PROMPT.handler(), Set.of("ok", scope)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theRecordsCopyTheScopes() {
    java.util.HashSet<String> scopes = new java.util.HashSet<>(Set.of("a"));
    Prompt prompt = new Prompt("p", null, "d", List.of(), PROMPT.handler(), scopes);
    scopes.add("b");

    assertThat(prompt.requiredScopes()).containsExactly("a");
  }
}
