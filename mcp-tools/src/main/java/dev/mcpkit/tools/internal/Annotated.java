package dev.mcpkit.tools.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/** Finds the public methods of a class that carry an annotation. Stateless. */
final class Annotated {
  private Annotated() {}

  static List<Method> methods(Class<?> type, Class<? extends Annotation> annotation) {
    List<Method> found = new ArrayList<>();
    for (Method method : type.getMethods()) {
      if (method.isAnnotationPresent(annotation) && !method.isBridge()) {
        found.add(method);
      }
    }
    return found;
  }
}
