package dev.mcpkit.examples;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.server.CompletionHandler;
import dev.mcpkit.api.server.Content;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Prompt;
import dev.mcpkit.api.server.PromptArgument;
import dev.mcpkit.api.server.PromptMessage;
import dev.mcpkit.api.server.PromptResult;
import dev.mcpkit.api.server.Resource;
import dev.mcpkit.api.server.ResourceContents;
import dev.mcpkit.api.server.ResourceTemplate;
import java.util.List;

/**
 * The resources, resource template and prompts of the "everything" server that the MCP conformance
 * suite 0.1.16 expects (scenarios {@code resources-*}, {@code prompts-*} and {@code
 * completion-complete}; names, texts and shapes as {@code interop/EVERYTHING-SERVER.md} sections 4
 * to 6 give them). The everything server adds them to its configuration:
 *
 * {@snippet :
 * McpServerConfig config = EverythingCatalog.addResourcesAndPrompts(McpServerConfig.builder()
 *     .serverInfo("mcpkit-everything", "1.0.0"))
 *     .build();
 * }
 *
 * <p>Stateless; the handlers are thread-safe.
 */
final class EverythingCatalog {
  /** A 1x1 PNG, the image the suite's reference server uses. */
  static final String PNG =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";

  /** The URI whose updates clients subscribe to in {@code resources-subscribe}. */
  static final String WATCHED = "test://watched-resource";

  private EverythingCatalog() {}

  /**
   * Adds the conformance resources, template and prompts to a configuration.
   *
   * @param builder the configuration being built
   * @return the same builder
   */
  static McpServerConfig.Builder addResourcesAndPrompts(McpServerConfig.Builder builder) {
    requireNonNull(builder, "builder");
    return builder
        .resource(
            Resource.text(
                    "test://static-text",
                    "static-text",
                    "A static text resource for testing",
                    "text/plain",
                    () -> "This is the content of the static text resource.")
                .withTitle("Static Text Resource"))
        .resource(
            Resource.of(
                    "test://static-binary",
                    "static-binary",
                    "A static binary resource (image) for testing",
                    "image/png",
                    (uri, ctx) -> List.of(new ResourceContents.Blob(uri, "image/png", PNG)))
                .withTitle("Static Binary Resource"))
        .resource(
            Resource.text(
                    WATCHED,
                    "watched-resource",
                    "A resource that auto-updates every 3 seconds",
                    "text/plain",
                    () -> "Watched resource content")
                .withTitle("Watched Resource"))
        .resourceTemplate(
            ResourceTemplate.of(
                    "test://template/{id}/data",
                    "template",
                    "A resource template with parameter substitution",
                    "application/json",
                    (uri, variables, ctx) -> {
                      String id = variables.get("id");
                      return List.of(
                          ResourceContents.text(
                              uri,
                              "application/json",
                              "{\"id\":\""
                                  + id
                                  + "\",\"templateTest\":true,\"data\":\"Data for ID: "
                                  + id
                                  + "\"}"));
                    })
                .withTitle("Resource Template"))
        .prompt(
            Prompt.of(
                    "test_simple_prompt",
                    "A simple prompt without arguments",
                    List.of(),
                    (arguments, ctx) ->
                        PromptResult.of(PromptMessage.user("This is a simple prompt for testing.")))
                .withTitle("Simple Test Prompt"))
        .prompt(
            Prompt.of(
                    "test_prompt_with_arguments",
                    "A prompt with required arguments",
                    List.of(
                        PromptArgument.required("arg1", "First test argument")
                            .withCompleter(
                                CompletionHandler.prefixOf(List.of("paris", "park", "party"))),
                        PromptArgument.required("arg2", "Second test argument")),
                    (arguments, ctx) ->
                        PromptResult.of(
                            PromptMessage.user(
                                "Prompt with arguments: arg1='"
                                    + arguments.get("arg1")
                                    + "', arg2='"
                                    + arguments.get("arg2")
                                    + "'")))
                .withTitle("Prompt With Arguments"))
        .prompt(
            Prompt.of(
                    "test_prompt_with_embedded_resource",
                    "A prompt that includes an embedded resource",
                    List.of(PromptArgument.required("resourceUri", "URI of the resource to embed")),
                    (arguments, ctx) ->
                        PromptResult.of(
                            PromptMessage.user(
                                Content.resource(
                                    ResourceContents.text(
                                        // Required: the engine rejects a call without it.
                                        requireNonNull(arguments.get("resourceUri")),
                                        "text/plain",
                                        "Embedded resource content for testing."))),
                            PromptMessage.user("Please process the embedded resource above.")))
                .withTitle("Prompt With Embedded Resource"))
        .prompt(
            Prompt.of(
                    "test_prompt_with_image",
                    "A prompt that includes image content",
                    List.of(),
                    (arguments, ctx) ->
                        PromptResult.of(
                            PromptMessage.user(new Content.Image(PNG, "image/png")),
                            PromptMessage.user("Please analyze the image above.")))
                .withTitle("Prompt With Image"));
  }
}
