package dev.mcpkit.tools.internal;

import dev.mcpkit.api.server.ToolContext;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ObjectNode;

/**
 * Binds a tool call's {@code arguments} to a method's parameters: the whole object to a record
 * parameter, or each property to the parameter of its name; a {@link ToolContext} parameter gets
 * the call's context. The readers are built once, at registration. Immutable and thread-safe.
 */
final class ArgumentsBinding {
  private final List<Slot> slots;
  private final ObjectNode inputSchema;

  private ArgumentsBinding(List<Slot> slots, ObjectNode inputSchema) {
    this.slots = List.copyOf(slots);
    this.inputSchema = inputSchema;
  }

  /** What fills one parameter. */
  private sealed interface Slot {}

  private record Context() implements Slot {}

  private record Whole(ObjectReader reader) implements Slot {}

  private record Named(String name, ObjectReader reader, boolean optional, boolean primitive)
      implements Slot {}

  /**
   * Builds the binding of a method's parameters.
   *
   * @param where names the method in error messages
   * @throws IllegalArgumentException if a parameter's name is not known (no {@code -parameters})
   */
  static ArgumentsBinding of(String where, Parameter[] parameters) {
    List<Parameter> arguments = new ArrayList<>();
    for (Parameter parameter : parameters) {
      if (parameter.getType() != ToolContext.class) {
        arguments.add(parameter);
        JacksonAccess.require(parameter.getParameterizedType(), where);
      }
    }
    List<Slot> slots = new ArrayList<>();
    if (arguments.size() == 1 && arguments.get(0).getType().isRecord()) {
      Class<?> record = arguments.get(0).getType();
      for (Parameter parameter : parameters) {
        slots.add(
            parameter.getType() == ToolContext.class
                ? new Context()
                : new Whole(Json.MAPPER.readerFor(record)));
      }
      return new ArgumentsBinding(slots, Schemas.of(record));
    }
    for (Parameter parameter : parameters) {
      if (parameter.getType() == ToolContext.class) {
        slots.add(new Context());
        continue;
      }
      if (!parameter.isNamePresent()) {
        throw new IllegalArgumentException(
            where
                + ": parameter names are not in the class file; compile with -parameters, or take"
                + " one record parameter");
      }
      slots.add(
          new Named(
              parameter.getName(),
              Json.MAPPER.readerFor(
                  Json.MAPPER.getTypeFactory().constructType(parameter.getParameterizedType())),
              Nullness.isOptional(parameter.getParameterizedType()),
              parameter.getType().isPrimitive()));
    }
    return new ArgumentsBinding(slots, Schemas.ofParameters(arguments));
  }

  /** Builds the binding of a record type taken whole, for {@code Tool.typed}. */
  static ArgumentsBinding ofRecord(String where, Class<?> type) {
    JacksonAccess.require(type, where);
    return new ArgumentsBinding(
        List.of(new Whole(Json.MAPPER.readerFor(type)), new Context()), Schemas.of(type));
  }

  ObjectNode inputSchema() {
    return inputSchema;
  }

  /**
   * Binds the arguments.
   *
   * @throws InvalidArgumentsException if a value does not bind to its parameter's type
   */
  @Nullable Object[] bind(JsonNode arguments, ToolContext context) {
    @Nullable Object[] values = new Object[slots.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] =
          switch (slots.get(i)) {
            case Context c -> context;
            case Whole whole -> read(whole.reader(), arguments, "arguments");
            case Named named -> named(named, arguments);
          };
    }
    return values;
  }

  private static @Nullable Object named(Named named, JsonNode arguments) {
    JsonNode value = arguments.get(named.name());
    if (value == null || value.isNull()) {
      if (named.optional()) {
        return Optional.empty();
      }
      if (named.primitive()) {
        throw new InvalidArgumentsException(named.name() + ": a value is required");
      }
      return null;
    }
    return read(named.reader(), value, named.name());
  }

  private static Object read(ObjectReader reader, JsonNode value, String field) {
    try {
      return reader.readValue(value);
    } catch (JacksonException e) {
      String path = e.getPathReference();
      throw new InvalidArgumentsException(
          field
              + (path == null || path.isEmpty() ? "" : " " + path)
              + ": "
              + e.getOriginalMessage());
    }
  }
}
