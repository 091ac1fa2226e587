package dev.mcpkit.codec;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.McpHeaders;
import dev.mcpkit.api.McpMethod;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The {@code x-mcp-header} schema extension of revision 2026-07-28 (Streamable HTTP, "Schema
 * Extension"): a tool's input schema annotates properties with {@code x-mcp-header}, and every such
 * argument travels twice, in the body and in an {@code Mcp-Param-{name}} header, so that a router
 * can read it without parsing the body. The client finds them with {@link #of(JsonNode)} to send
 * the headers; the engine with the same walk, to check them.
 *
 * <p>Stateless and thread-safe.
 */
public final class McpParamHeaders {
  /** The JSON Schema keyword that mirrors a tool parameter in an {@code Mcp-Param-*} header. */
  public static final String KEYWORD = "x-mcp-header";

  private McpParamHeaders() {}

  /**
   * One argument a tool mirrors into a header.
   *
   * @param header the name after {@code Mcp-Param-}; not empty
   * @param path the property names from the arguments object down to the argument; not empty
   */
  public record Mirrored(String header, List<String> path) {
    /** Validates the fields and copies the path. */
    public Mirrored {
      requireNonNull(header, "header");
      path = List.copyOf(requireNonNull(path, "path"));
      if (header.isEmpty()) {
        throw new IllegalArgumentException("header must not be empty");
      }
      if (path.isEmpty()) {
        throw new IllegalArgumentException("path must not be empty");
      }
    }

    /**
     * The full header name.
     *
     * @return {@code Mcp-Param-} and {@link #header()}
     */
    public String headerName() {
      return McpHeaders.MCP_PARAM_PREFIX + header;
    }

    /**
     * The argument in a call's arguments, found through objects only.
     *
     * @param arguments the call's {@code arguments}, or {@code null} if it has none
     * @return the argument's value, or {@code null} if the path does not lead to one
     */
    public @Nullable JsonNode valueIn(@Nullable JsonNode arguments) {
      JsonNode value = arguments;
      for (String step : path) {
        value = value == null || !value.isObject() ? null : value.get(step);
      }
      return value;
    }
  }

  /**
   * Returns the member of a request's params that revision 2026-07-28 mirrors into the {@code
   * Mcp-Name} header: {@code name} for {@code tools/call} and {@code prompts/get}, {@code uri} for
   * {@code resources/read}, none for other methods.
   *
   * @param method the request's method
   * @return the params member, or {@code null} if the method has no {@code Mcp-Name}
   */
  public static @Nullable String nameMember(String method) {
    McpMethod known = McpMethod.of(method);
    if (known == null) {
      return null;
    }
    return switch (known) {
      case TOOLS_CALL, PROMPTS_GET -> "name";
      case RESOURCES_READ -> "uri";
      default -> null;
    };
  }

  /**
   * The arguments an input schema annotates with a non-empty string {@code x-mcp-header}, found
   * from the root through {@code properties} only, in the schema's order.
   *
   * @param inputSchema a tool's input schema (any node: what is not an object mirrors nothing)
   * @return the mirrored arguments; empty if there are none
   */
  public static List<Mirrored> of(JsonNode inputSchema) {
    List<Mirrored> found = new ArrayList<>();
    collect(inputSchema, new ArrayList<>(), found);
    return List.copyOf(found);
  }

  private static void collect(JsonNode schema, List<String> path, List<Mirrored> found) {
    JsonNode properties = schema.get("properties");
    if (properties == null || !properties.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> entry : properties.properties()) {
      List<String> next = new ArrayList<>(path);
      next.add(entry.getKey());
      JsonNode header = entry.getValue().get(KEYWORD);
      if (header != null && header.isString() && !header.stringValue().isEmpty()) {
        found.add(new Mirrored(header.stringValue(), next));
      }
      collect(entry.getValue(), next, found);
    }
  }

  /**
   * Checks an input schema's {@code x-mcp-header} annotations: each value a non-empty HTTP token,
   * unique ignoring case, on a property of type integer, string or boolean, reachable from the root
   * through {@code properties} only. A client must leave out a tool that breaks one of these rules.
   *
   * @param inputSchema a tool's input schema (any node; a missing one has no annotations)
   * @return why the schema is invalid, every problem joined by {@code "; "}, or {@code null} if it
   *     is valid
   */
  public static @Nullable String problems(JsonNode inputSchema) {
    List<String> problems = new ArrayList<>();
    scan(inputSchema, true, problems, new HashSet<>());
    return problems.isEmpty() ? null : String.join("; ", problems);
  }

  private static void scan(
      JsonNode node, boolean reachable, List<String> problems, Set<String> seen) {
    if (node.isArray()) {
      for (JsonNode element : node) {
        scan(element, false, problems, seen);
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    JsonNode header = node.get(KEYWORD);
    if (header != null) {
      String value = header.isString() ? header.stringValue() : "";
      String type = node.path("type").asString("");
      if (!reachable) {
        problems.add("x-mcp-header '" + value + "' is not reachable through properties alone");
      } else if (value.isEmpty() || !value.chars().allMatch(McpParamHeaders::tchar)) {
        problems.add("x-mcp-header '" + value + "' is not an HTTP token");
      } else if (!type.equals("string") && !type.equals("integer") && !type.equals("boolean")) {
        problems.add("x-mcp-header '" + value + "' is on a property of type '" + type + "'");
      } else if (!seen.add(value.toLowerCase(Locale.ROOT))) {
        problems.add("x-mcp-header '" + value + "' is used twice");
      }
    }
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      if (entry.getKey().equals("properties") && entry.getValue().isObject()) {
        for (Map.Entry<String, JsonNode> property : entry.getValue().properties()) {
          scan(property.getValue(), reachable, problems, seen);
        }
      } else if (!entry.getKey().equals(KEYWORD)) {
        scan(entry.getValue(), false, problems, seen);
      }
    }
  }

  /** RFC 9110 tchar. */
  private static boolean tchar(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }
}
