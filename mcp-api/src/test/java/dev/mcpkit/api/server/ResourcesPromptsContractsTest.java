package dev.mcpkit.api.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResourcesPromptsContractsTest {
  private static final ResourceTemplateHandler NO_TEMPLATE = (uri, variables, ctx) -> List.of();
  private static final ResourceHandler NO_RESOURCE = (uri, ctx) -> List.of();
  private static final PromptHandler NO_PROMPT = (arguments, ctx) -> PromptResult.of();

  @Test
  void templateVariablesAreParsedInOrder() {
    ResourceTemplate template =
        ResourceTemplate.of("users://{org}/{user}/x", "u", null, null, NO_TEMPLATE);
    assertThat(template.variables()).containsExactly("org", "user");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a://{x",
        "a://x}",
        "a://{}",
        "a://{x}{y}",
        "a://{x}/{x}",
        "a://{x-y}",
        "a://{+x}",
        " "
      })
  void malformedOrBeyondLevelOneTemplatesAreRejected(String uriTemplate) {
    assertThatThrownBy(() -> ResourceTemplate.of(uriTemplate, "t", null, null, NO_TEMPLATE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCompleterMustNameAVariable() {
    ResourceTemplate template = ResourceTemplate.of("a://{id}", "t", null, null, NO_TEMPLATE);
    assertThatThrownBy(() -> template.withCompleter("nope", CompletionHandler.prefixOf(List.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope");
    assertThat(template.withCompleter("id", CompletionHandler.prefixOf(List.of())).completers())
        .containsKey("id");
  }

  @Test
  void completionOfCapsAtOneHundredAndCountsEveryMatch() {
    List<String> matches = IntStream.range(0, 101).mapToObj(Integer::toString).toList();
    Completion completion = Completion.of(matches);
    assertThat(completion.values()).hasSize(100);
    assertThat(completion.total()).isEqualTo(101);
    assertThat(completion.hasMore()).isTrue();
    assertThat(Completion.of(List.of("a"))).isEqualTo(new Completion(List.of("a"), 1, false));
  }

  @Test
  void aCompletionWithMoreThanOneHundredValuesOrATotalBelowThemIsRejected() {
    List<String> tooMany = IntStream.range(0, 101).mapToObj(Integer::toString).toList();
    assertThatThrownBy(() -> new Completion(tooMany, null, true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Completion(List.of("a", "b"), 1, false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void prefixCompletionKeepsListOrder() throws Exception {
    Completion completion =
        CompletionHandler.prefixOf(List.of("park", "paris", "lyon", "party"))
            .complete("par", Map.of(), null);
    assertThat(completion.values()).containsExactly("park", "paris", "party");
  }

  @Test
  void blobContentsAreBase64Encoded() {
    ResourceContents blob =
        ResourceContents.blob(
            "a://b", "application/octet-stream", "hi".getBytes(StandardCharsets.US_ASCII));
    assertThat(((ResourceContents.Blob) blob).blob()).isEqualTo("aGk=");
  }

  @Test
  void duplicateArgumentsResourcesTemplatesAndPromptsAreRejectedWithTheirName() {
    assertThatThrownBy(
            () ->
                Prompt.of(
                    "p",
                    "d",
                    List.of(PromptArgument.required("a", "x"), PromptArgument.optional("a", "y")),
                    NO_PROMPT))
        .hasMessageContaining("'a'");
    McpServerConfig.Builder builder =
        McpServerConfig.builder()
            .serverInfo("s", "1")
            .resource(Resource.of("a://1", "one", null, null, NO_RESOURCE))
            .resourceTemplate(ResourceTemplate.of("a://{x}", "t", null, null, NO_TEMPLATE))
            .prompt(Prompt.of("p", "d", List.of(), NO_PROMPT));
    assertThatThrownBy(
            () -> builder.resource(Resource.of("a://1", "again", null, null, NO_RESOURCE)))
        .hasMessageContaining("resource: duplicate resource uri 'a://1'");
    assertThatThrownBy(
            () ->
                builder.resourceTemplate(
                    ResourceTemplate.of("a://{x}", "t2", null, null, NO_TEMPLATE)))
        .hasMessageContaining("resourceTemplate: duplicate");
    assertThatThrownBy(() -> builder.prompt(Prompt.of("p", "d", List.of(), NO_PROMPT)))
        .hasMessageContaining("prompt: duplicate prompt name 'p'");
    McpServerConfig config = builder.build();
    assertThat(config.resources()).hasSize(1);
    assertThat(config.resourceTemplates()).hasSize(1);
    assertThat(config.prompts()).hasSize(1);
  }

  @Test
  void theToolsOnlyConstructorHasNoResourcesOrPrompts() {
    McpServerConfig config = new McpServerConfig(ServerInfo.of("s", "1"), null, List.of());
    assertThat(config.resources()).isEmpty();
    assertThat(config.resourceTemplates()).isEmpty();
    assertThat(config.prompts()).isEmpty();
  }
}
