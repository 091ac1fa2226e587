package dev.mcpkit.transport.jetty;

import dev.mcpkit.api.server.CompletionHandler;
import dev.mcpkit.api.server.Content;
import dev.mcpkit.api.server.LogLevel;
import dev.mcpkit.api.server.Prompt;
import dev.mcpkit.api.server.PromptArgument;
import dev.mcpkit.api.server.PromptMessage;
import dev.mcpkit.api.server.PromptResult;
import dev.mcpkit.api.server.Resource;
import dev.mcpkit.api.server.ResourceContents;
import dev.mcpkit.api.server.ResourceTemplate;
import java.util.List;

/** The resources and prompts of {@link TestServer}. */
final class TestResources {
  /** A text resource that logs while it is read, so its answer becomes an SSE stream. */
  static final Resource NOTES =
      Resource.of(
          "test://notes",
          "notes",
          "Notes for the tests",
          "text/plain",
          (uri, ctx) -> {
            ctx.log(LogLevel.INFO, "reading notes");
            return List.of(ResourceContents.text(uri, "text/plain", "remember the milk"));
          });

  /** A template whose contents echo its variable. */
  static final ResourceTemplate ITEMS =
      ResourceTemplate.of(
          "test://items/{id}",
          "items",
          "One item by id",
          "application/json",
          (uri, variables, ctx) ->
              List.of(
                  ResourceContents.text(
                      uri, "application/json", "{\"id\":\"" + variables.get("id") + "\"}")));

  /** A prompt with a required, completable argument and an embedded resource. */
  static final Prompt REVIEW =
      Prompt.of(
          "review",
          "Asks for a review of a file.",
          List.of(
              PromptArgument.required("file", "The file to review")
                  .withCompleter(
                      CompletionHandler.prefixOf(List.of("Main.java", "Makefile", "README.md")))),
          (arguments, ctx) ->
              PromptResult.of(
                  PromptMessage.user("Please review " + arguments.get("file") + ":"),
                  PromptMessage.user(
                      Content.resource(
                          ResourceContents.text(
                              "file:///" + arguments.get("file"),
                              "text/plain",
                              "class Main {}")))));

  private TestResources() {}
}
