package dev.mcpkit.tools.internal;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/** The Jackson mapper that binds arguments and writes results; thread-safe, shared. */
final class Json {
  /**
   * Public constructors and accessors are used as they are, without {@code setAccessible}, so
   * public records in a package that is exported but not opened bind on the module path.
   */
  static final JsonMapper MAPPER =
      JsonMapper.builder().disable(MapperFeature.OVERRIDE_PUBLIC_ACCESS_MODIFIERS).build();

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
