package dev.mcpkit.session.internal.protocol;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.server.Completion;
import dev.mcpkit.api.server.CompletionHandler;
import dev.mcpkit.api.server.Prompt;
import dev.mcpkit.api.server.PromptArgument;
import dev.mcpkit.api.server.RequestContext;
import dev.mcpkit.api.server.ResourceTemplate;
import dev.mcpkit.codec.JsonRpcCodecs;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code completion/complete} for prompt arguments ({@code ref/prompt}) and resource template
 * variables ({@code ref/resource}). An argument without a completer, or a static resource URI,
 * completes to nothing; an unknown prompt, template or argument is "Invalid params". Thread-safe.
 */
public final class CompletionMethods {
  private final PromptMethods prompts;
  private final ResourceMethods resources;

  public CompletionMethods(PromptMethods prompts, ResourceMethods resources) {
    this.prompts = requireNonNull(prompts, "prompts");
    this.resources = requireNonNull(resources, "resources");
  }

  public JsonNode complete(RequestContext context, @Nullable JsonNode params) {
    JsonNode ref = params == null ? null : params.get("ref");
    JsonNode argument = params == null ? null : params.get("argument");
    if (params == null
        || ref == null
        || !ref.isObject()
        || argument == null
        || !argument.isObject()) {
      throw invalid("completion/complete needs a ref and an argument");
    }
    JsonNode argumentName = argument.get("name");
    JsonNode argumentValue = argument.get("value");
    if (argumentName == null
        || !argumentName.isString()
        || argumentValue == null
        || !argumentValue.isString()) {
      throw invalid("argument needs a name and a value string");
    }
    String name = argumentName.stringValue();
    JsonNode contextNode = params.get("context");
    Map<String, String> resolved =
        PromptMethods.stringMap(
            contextNode == null || !contextNode.isObject() ? null : contextNode.get("arguments"),
            "context.arguments");
    CompletionHandler completer = completer(ref, name);
    Completion completion =
        completer == null
            ? Completion.empty()
            : HandlerCalls.run(
                "completion of '" + name + "'",
                () -> completer.complete(argumentValue.stringValue(), resolved, context));
    ObjectNode result = JsonRpcCodecs.nodes().objectNode();
    ObjectNode node = result.putObject("completion");
    ArrayNode values = node.putArray("values");
    completion.values().forEach(values::add);
    if (completion.total() != null) {
      node.put("total", completion.total());
    }
    node.put("hasMore", completion.hasMore());
    return result;
  }

  private @Nullable CompletionHandler completer(JsonNode ref, String argument) {
    JsonNode type = ref.get("type");
    String kind = type != null && type.isString() ? type.stringValue() : "";
    switch (kind) {
      case "ref/prompt" -> {
        Prompt prompt = prompts.prompt(ref.get("name"), "ref/prompt");
        for (PromptArgument declared : prompt.arguments()) {
          if (declared.name().equals(argument)) {
            return declared.completer();
          }
        }
        throw invalid("prompt '" + prompt.name() + "' has no argument '" + argument + "'");
      }
      case "ref/resource" -> {
        JsonNode uri = ref.get("uri");
        if (uri == null || !uri.isString()) {
          throw invalid("ref/resource needs a uri string");
        }
        ResourceTemplate template = resources.templateNamed(uri.stringValue());
        if (template == null) {
          if (resources.isStatic(uri.stringValue())) {
            return null;
          }
          throw invalid("unknown resource template '" + uri.stringValue() + "'");
        }
        if (!template.variables().contains(argument)) {
          throw invalid(
              "resource template '"
                  + template.uriTemplate()
                  + "' has no variable '"
                  + argument
                  + "'");
        }
        return template.completers().get(argument);
      }
      default -> throw invalid("ref.type must be ref/prompt or ref/resource");
    }
  }

  private static ProtocolError invalid(String why) {
    return new ProtocolError(JsonRpcError.INVALID_PARAMS, "Invalid params: " + why);
  }
}
