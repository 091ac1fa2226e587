package dev.mcpkit.tools.internal;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Jackson mapper that binds arguments and writes results; thread-safe, shared. */
final class Json {
  /** Jackson's defaults; the packages of bound records are opened to it (see JacksonAccess). */
  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Json() {}

  /** Reads an example as JSON when it parses as JSON, as a string otherwise. */
  static JsonNode example(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (RuntimeException notJson) {
      return MAPPER.getNodeFactory().stringNode(text);
    }
  }
}
