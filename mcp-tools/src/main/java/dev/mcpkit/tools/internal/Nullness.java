package dev.mcpkit.tools.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Optional;

/**
 * Whether an argument may be left out: it is an {@link Optional}, or it carries an annotation named
 * {@code Nullable} (JSpecify's, a type-use annotation, or any other library's) on its declaration
 * or its type. Read by name so that no nullness library is needed at run time.
 */
final class Nullness {
  private Nullness() {}

  static boolean isOptional(Type type) {
    Type raw = type instanceof ParameterizedType parameterized ? parameterized.getRawType() : type;
    return raw == Optional.class;
  }

  static boolean mayBeAbsent(AnnotatedElement declaration, AnnotatedType type) {
    return isOptional(type.getType())
        || hasNullable(declaration.getAnnotations())
        || hasNullable(type.getAnnotations());
  }

  private static boolean hasNullable(Annotation[] annotations) {
    for (Annotation annotation : annotations) {
      if (annotation.annotationType().getSimpleName().equals("Nullable")) {
        return true;
      }
    }
    return false;
  }
}
