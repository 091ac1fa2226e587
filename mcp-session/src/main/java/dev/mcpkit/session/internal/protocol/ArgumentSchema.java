package dev.mcpkit.session.internal.protocol;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import com.networknt.schema.path.NodePath;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.codec.McpParamHeaders;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A tool's {@code inputSchema}, compiled once when the engine is built, that checks the {@code
 * arguments} of each call before the handler runs. The 2025-11-25 revision wants invalid arguments
 * reported as a tool execution error ({@code isError}), not a protocol error, so the model can read
 * what was wrong and call again; the message names each field and the rule it broke.
 *
 * <p>Validation is done by networknt's json-schema-validator: it is on Jackson 3, a JPMS module,
 * covers drafts 4 to 2020-12 (what a hand-written raw schema may use, {@code $ref}/{@code $defs},
 * {@code allOf}/{@code oneOf}, {@code if}/{@code then} included), and is kept current; a subset
 * validator of our own would have to match it keyword by keyword. Schemas without {@code $schema}
 * are read as 2020-12, the dialect MCP prescribes. Remote {@code $ref}s are not fetched (the
 * library's default). Immutable and thread-safe.
 */
public final class ArgumentSchema {
  /** Errors reported per call, at most: enough for a model to correct itself, bounded in size. */
  private static final int MAX_REPORTED = 5;

  /** Keywords whose errors are about a property of the instance, which they name apart. */
  private static final Set<String> NAMES_A_PROPERTY =
      Set.of("required", "additionalProperties", "unevaluatedProperties", "dependentRequired");

  /**
   * 2020-12, knowing {@code x-mcp-header} (revision 2026-07-28: a parameter mirrored in an {@code
   * Mcp-Param-*} header) as an annotation: the headers are checked apart ({@code HeaderChecks},
   * {@code McpParamHeaders}), and the library would otherwise log an "unknown keyword" warning for
   * every such tool at start.
   */
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          Dialect.builder(Dialects.getDraft202012())
              .keyword(new AnnotationKeyword(McpParamHeaders.KEYWORD))
              .build());

  private final String toolName;
  private final Schema schema;

  /** The schema's plain-subset shortcut, or {@code null} when it goes beyond that subset. */
  private final @Nullable PlainSchema plain;

  private ArgumentSchema(String toolName, Schema schema, @Nullable PlainSchema plain) {
    this.toolName = toolName;
    this.schema = schema;
    this.plain = plain;
  }

  /**
   * Compiles a tool's input schema.
   *
   * @throws IllegalArgumentException if the schema cannot be compiled
   */
  public static ArgumentSchema compile(Tool tool) {
    try {
      Schema schema = REGISTRY.getSchema(tool.inputSchema());
      // Resolves $refs and builds every keyword's validator now rather than on the first call.
      schema.initializeValidators();
      return new ArgumentSchema(tool.name(), schema, PlainSchema.compile(tool.inputSchema()));
    } catch (SchemaException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "inputSchema of tool '" + tool.name() + "' is not a valid JSON Schema: " + e.getMessage(),
          e);
    }
  }

  /**
   * Checks arguments against the schema.
   *
   * @return {@code null} if they are valid; otherwise the message for the model, one line per
   *     broken rule, e.g. {@code place.city: required property 'city' not found (required)}
   */
  public @Nullable String violations(JsonNode arguments) {
    PlainSchema shortcut = plain;
    if (shortcut != null && shortcut.accepts(arguments)) {
      return null; // what the validator would say, without its per-call context and paths
    }
    List<Error> errors = schema.validate(arguments);
    if (errors.isEmpty()) {
      return null;
    }
    StringBuilder message =
        new StringBuilder("invalid arguments for tool '").append(toolName).append("':");
    int shown = Math.min(errors.size(), MAX_REPORTED);
    for (int i = 0; i < shown; i++) {
      Error error = errors.get(i);
      message
          .append("\n- ")
          .append(field(error))
          .append(": ")
          .append(error.getMessage())
          .append(" (")
          .append(error.getKeyword())
          .append(')');
    }
    if (errors.size() > shown) {
      message.append("\n- and ").append(errors.size() - shown).append(" more");
    }
    return message.toString();
  }

  /**
   * The offending field as a model would write it ({@code place.city}, {@code visited[0].city}), or
   * {@code arguments} for the arguments object itself; for a missing or extra property, that
   * property.
   */
  private static String field(Error error) {
    StringBuilder field = new StringBuilder();
    NodePath location = error.getInstanceLocation();
    if (location != null) {
      for (int i = 0; i < location.getNameCount(); i++) {
        Object element = location.getElement(i);
        if (element instanceof Integer index) {
          field.append('[').append(index).append(']');
        } else {
          if (!field.isEmpty()) {
            field.append('.');
          }
          field.append(element);
        }
      }
    }
    String property = error.getProperty();
    if (property != null && NAMES_A_PROPERTY.contains(error.getKeyword())) {
      if (!field.isEmpty()) {
        field.append('.');
      }
      field.append(property);
    }
    return field.isEmpty() ? "arguments" : field.toString();
  }
}
