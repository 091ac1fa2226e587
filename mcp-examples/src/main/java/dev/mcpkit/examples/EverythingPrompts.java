package dev.mcpkit.examples;

import dev.mcpkit.api.server.CompletionHandler;
import dev.mcpkit.api.server.Content;
import dev.mcpkit.api.server.Prompt;
import dev.mcpkit.api.server.PromptArgument;
import dev.mcpkit.api.server.PromptMessage;
import dev.mcpkit.api.server.PromptResult;
import dev.mcpkit.api.server.ResourceContents;
import java.util.List;

/**
 * The prompts of the everything server ({@code interop/EVERYTHING-SERVER.md}, section 5), with the
 * completion of {@code test_prompt_with_arguments}'s {@code arg1} (section 6). Stateless and
 * thread-safe.
 */
final class EverythingPrompts {
  private EverythingPrompts() {}

  /** All prompts, in the order {@code prompts/list} shows them. */
  static List<Prompt> all() {
    return List.of(
        Prompt.of("test_simple_prompt", "A simple prompt without arguments", List.of(),
                (arguments, ctx) -> PromptResult.of(PromptMessage.user("This is a simple prompt for testing.")))
            .withTitle("Simple Test Prompt"),
        Prompt.of("test_prompt_with_arguments", "A prompt with required arguments",
                List.of(
                    PromptArgument.required("arg1", "First test argument")
                        .withCompleter(CompletionHandler.prefixOf(List.of("paris", "park", "party"))),
                    PromptArgument.required("arg2", "Second test argument")),
                (arguments, ctx) -> PromptResult.of(PromptMessage.user(
                    "Prompt with arguments: arg1='" + arguments.get("arg1") + "', arg2='" + arguments.get("arg2") + "'")))
            .withTitle("Prompt With Arguments"),
        Prompt.of("test_prompt_with_embedded_resource", "A prompt that includes an embedded resource",
                List.of(PromptArgument.required("resourceUri", "URI of the resource to embed")),
                (arguments, ctx) -> PromptResult.of(
                    PromptMessage.user(Content.resource(ResourceContents.text(
                        arguments.get("resourceUri"), "text/plain", "Embedded resource content for testing."))),
                    PromptMessage.user("Please process the embedded resource above.")))
            .withTitle("Prompt With Embedded Resource"),
        Prompt.of("test_prompt_with_image", "A prompt that includes image content", List.of(),
                (arguments, ctx) -> PromptResult.of(
                    PromptMessage.user(new Content.Image(TestMedia.PNG_BASE64, "image/png")),
                    PromptMessage.user("Please analyze the image above.")))
            .withTitle("Prompt With Image"));
  }
}
