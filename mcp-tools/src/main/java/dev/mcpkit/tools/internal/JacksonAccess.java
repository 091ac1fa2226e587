package dev.mcpkit.tools.internal;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks at registration that Jackson may reach the records a tool binds and returns: Jackson 3
 * builds records through method handles, which needs the record's package open to {@code
 * tools.jackson.databind} when it lives in a named module. Failing here names the {@code opens}
 * line to add, instead of failing every call. Stateless.
 */
final class JacksonAccess {
  private static final Module JACKSON = Json.MAPPER.getClass().getModule();

  private JacksonAccess() {}

  /**
   * @throws IllegalArgumentException naming the missing {@code opens}
   */
  static void require(Type type, String where) {
    require(type, where, new HashSet<>());
  }

  private static void require(Type type, String where, Set<Type> seen) {
    if (!seen.add(type)) {
      return;
    }
    if (type instanceof ParameterizedType parameterized) {
      require(parameterized.getRawType(), where, seen);
      for (Type argument : parameterized.getActualTypeArguments()) {
        require(argument, where, seen);
      }
      return;
    }
    if (!(type instanceof Class<?> raw) || !raw.isRecord()) {
      return;
    }
    Module module = raw.getModule();
    if (module.isNamed() && !module.isOpen(raw.getPackageName(), JACKSON)) {
      throw new IllegalArgumentException(
          where
              + ": Jackson cannot reach record "
              + raw.getName()
              + "; declare in module "
              + module.getName()
              + ": opens "
              + raw.getPackageName()
              + " to tools.jackson.databind;");
    }
    for (RecordComponent component : raw.getRecordComponents()) {
      require(component.getGenericType(), where, seen);
    }
  }
}
