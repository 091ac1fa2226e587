package dev.mcpkit.session.internal.protocol;

import dev.mcpkit.api.McpMethod;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Prompt;
import dev.mcpkit.api.server.PromptArgument;
import dev.mcpkit.api.server.PromptMessage;
import dev.mcpkit.api.server.PromptResult;
import dev.mcpkit.api.server.RequestContext;
import dev.mcpkit.codec.JsonRpcCodecs;
import java.security.Principal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code prompts/list} and {@code prompts/get}. The listing is one page (no {@code nextCursor}),
 * built once from the immutable configuration. Thread-safe.
 */
public final class PromptMethods {
  private final Map<String, Prompt> byName;
  private final ScopedListing list;

  public PromptMethods(McpServerConfig config) {
    Map<String, Prompt> names = new HashMap<>();
    List<ScopedListing.Entry> prompts = new ArrayList<>();
    for (Prompt prompt : config.prompts()) {
      names.put(prompt.name(), prompt);
      ObjectNode entry = JsonRpcCodecs.nodes().objectNode();
      entry.put("name", prompt.name());
      if (prompt.title() != null) {
        entry.put("title", prompt.title());
      }
      entry.put("description", prompt.description());
      // As the SDKs do: a prompt without arguments has no "arguments" member at all.
      if (!prompt.arguments().isEmpty()) {
        ArrayNode arguments = entry.putArray("arguments");
        for (PromptArgument argument : prompt.arguments()) {
          ObjectNode node = arguments.addObject();
          node.put("name", argument.name());
          if (argument.description() != null) {
            node.put("description", argument.description());
          }
          node.put("required", argument.required());
        }
      }
      prompts.add(new ScopedListing.Entry(entry, prompt.requiredScopes()));
    }
    this.byName = Map.copyOf(names);
    this.list = new ScopedListing("prompts", prompts);
  }

  /** The {@code prompts/list} result for a caller: what its scopes let it see. */
  public ObjectNode list(@Nullable Principal principal) {
    return list.render(principal);
  }

  /** Tells whether the prompt list depends on the caller's scopes. */
  public boolean listPerCaller() {
    return list.perCaller();
  }

  /** The prompt with a name, or {@code null}. */
  @Nullable Prompt named(String name) {
    return byName.get(name);
  }

  /**
   * Finds a prompt for {@code prompts/get} or a {@code ref/prompt}; unknown is "Invalid params".
   */
  Prompt prompt(@Nullable JsonNode name, String method) {
    if (name == null || !name.isString()) {
      throw new ProtocolError(
          JsonRpcError.INVALID_PARAMS, "Invalid params: " + method + " needs a prompt name");
    }
    Prompt prompt = byName.get(name.stringValue());
    if (prompt == null) {
      throw new ProtocolError(
          JsonRpcError.INVALID_PARAMS,
          "Invalid params: unknown prompt '" + name.stringValue() + "'");
    }
    return prompt;
  }

  public JsonNode get(RequestContext context, @Nullable JsonNode params) {
    Prompt prompt =
        prompt(params == null ? null : params.get("name"), McpMethod.PROMPTS_GET.wireName());
    Map<String, String> arguments =
        stringMap(params == null ? null : params.get("arguments"), "arguments");
    for (PromptArgument argument : prompt.arguments()) {
      if (argument.required() && !arguments.containsKey(argument.name())) {
        throw new ProtocolError(
            JsonRpcError.INVALID_PARAMS,
            "Invalid params: prompt '"
                + prompt.name()
                + "' needs argument '"
                + argument.name()
                + "'");
      }
    }
    Map<String, String> frozen = Map.copyOf(arguments);
    PromptResult rendered =
        HandlerCalls.run(
            "prompt '" + prompt.name() + "'", () -> prompt.handler().get(frozen, context));
    ObjectNode result = JsonRpcCodecs.nodes().objectNode();
    if (rendered.description() != null) {
      result.put("description", rendered.description());
    }
    ArrayNode messages = result.putArray("messages");
    for (PromptMessage message : rendered.messages()) {
      ObjectNode node = messages.addObject();
      node.put("role", message.role().wireName());
      node.set("content", ContentJson.content(message.content()));
    }
    return result;
  }

  /** Reads an optional JSON object of string values; absent or null is empty. */
  static Map<String, String> stringMap(@Nullable JsonNode node, String what) {
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw new ProtocolError(
          JsonRpcError.INVALID_PARAMS, "Invalid params: " + what + " must be an object");
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      JsonNode value = entry.getValue();
      if (!value.isString()) {
        throw new ProtocolError(
            JsonRpcError.INVALID_PARAMS,
            "Invalid params: " + what + "." + entry.getKey() + " must be a string");
      }
      map.put(entry.getKey(), value.stringValue());
    }
    return map;
  }
}
