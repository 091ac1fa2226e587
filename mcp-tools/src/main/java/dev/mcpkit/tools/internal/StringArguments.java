package dev.mcpkit.tools.internal;

import dev.mcpkit.api.server.Completion;
import dev.mcpkit.api.server.CompletionHandler;
import dev.mcpkit.api.server.RequestContext;
import dev.mcpkit.tools.CompletedBy;
import dev.mcpkit.tools.Description;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;

/**
 * Binds string arguments (a prompt's arguments, a URI template's variables) to a method's
 * parameters by name, converted to each parameter's type with Jackson ({@code "3"} to an {@code
 * int}, {@code "CELSIUS"} to an enum); a {@link RequestContext} parameter gets the request's
 * context. A value that does not convert, or a required one that is missing, is an {@link
 * IllegalArgumentException} naming the argument, which the engine answers as invalid params.
 * Immutable and thread-safe.
 */
final class StringArguments {
  /** One parameter: the context, or an argument with its name, type and completer. */
  record Slot(
      @Nullable String name,
      @Nullable JavaType type,
      boolean optional,
      boolean required,
      @Nullable String description,
      @Nullable CompletionHandler completer) {
    boolean isContext() {
      return name == null;
    }
  }

  private final List<Slot> slots;

  private StringArguments(List<Slot> slots) {
    this.slots = List.copyOf(slots);
  }

  static StringArguments of(Object target, Method method) {
    String where = Invoker.where(method);
    List<Slot> slots = new ArrayList<>();
    for (Parameter parameter : method.getParameters()) {
      if (parameter.getType() == RequestContext.class) {
        slots.add(new Slot(null, null, false, false, null, null));
        continue;
      }
      if (!parameter.isNamePresent()) {
        throw new IllegalArgumentException(
            where + ": parameter names are not in the class file; compile with -parameters");
      }
      boolean optional = Nullness.isOptional(parameter.getParameterizedType());
      JavaType type = Json.MAPPER.getTypeFactory().constructType(parameter.getParameterizedType());
      Description description = parameter.getAnnotation(Description.class);
      slots.add(
          new Slot(
              parameter.getName(),
              optional ? type.containedTypeOrUnknown(0) : type,
              optional,
              !Nullness.mayBeAbsent(parameter, parameter.getAnnotatedType())
                  || parameter.getType().isPrimitive(),
              description == null ? null : description.value(),
              completer(target, parameter, where)));
    }
    return new StringArguments(slots);
  }

  private static @Nullable CompletionHandler completer(
      Object target, Parameter parameter, String where) {
    CompletedBy completedBy = parameter.getAnnotation(CompletedBy.class);
    if (completedBy != null) {
      Method method;
      try {
        method = target.getClass().getMethod(completedBy.value(), String.class);
      } catch (NoSuchMethodException e) {
        throw new IllegalArgumentException(
            where
                + ": @CompletedBy(\""
                + completedBy.value()
                + "\") names no public method taking a String",
            e);
      }
      if (!List.class.isAssignableFrom(method.getReturnType())) {
        throw new IllegalArgumentException(
            where + ": completer " + completedBy.value() + " must return a List<String>");
      }
      Invoker invoker = Invoker.of(target, method);
      return (value, arguments, context) -> {
        List<?> candidates = (List<?>) invoker.invoke(new Object[] {value});
        List<String> values = new ArrayList<>();
        if (candidates != null) {
          for (Object candidate : candidates) {
            values.add(String.valueOf(candidate));
          }
        }
        return Completion.of(values);
      };
    }
    Class<?> type = parameter.getType();
    if (type.isEnum()) {
      List<String> names = new ArrayList<>();
      for (Object constant : type.getEnumConstants()) {
        names.add(((Enum<?>) constant).name());
      }
      return CompletionHandler.prefixOf(names);
    }
    return null;
  }

  List<Slot> slots() {
    return slots;
  }

  /** Binds the values; throws {@link IllegalArgumentException} naming a bad or missing one. */
  @Nullable Object[] bind(Map<String, String> values, RequestContext context) {
    @Nullable Object[] bound = new Object[slots.size()];
    for (int i = 0; i < bound.length; i++) {
      Slot slot = slots.get(i);
      String name = slot.name();
      JavaType type = slot.type();
      if (name == null || type == null) {
        bound[i] = context;
        continue;
      }
      String value = values.get(name);
      if (value == null) {
        if (slot.required()) {
          throw new IllegalArgumentException("argument '" + name + "' is required");
        }
        bound[i] = slot.optional() ? Optional.empty() : null;
        continue;
      }
      Object converted;
      try {
        converted = Json.MAPPER.convertValue(value, type);
      } catch (JacksonException | IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "argument '" + name + "': '" + value + "' is not " + describe(type), e);
      }
      bound[i] = slot.optional() ? Optional.ofNullable(converted) : converted;
    }
    return bound;
  }

  private static String describe(JavaType type) {
    Class<?> raw = type.getRawClass();
    if (raw.isEnum()) {
      List<String> names = new ArrayList<>();
      for (Object constant : raw.getEnumConstants()) {
        names.add(((Enum<?>) constant).name());
      }
      return "one of " + names;
    }
    return "a valid " + raw.getSimpleName();
  }
}
