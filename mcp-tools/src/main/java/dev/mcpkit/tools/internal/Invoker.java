package dev.mcpkit.tools.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * A method of a registered object as a {@link MethodHandle} bound to it, made once at registration:
 * a call is a handle invocation, not a reflective lookup. Immutable and thread-safe.
 */
final class Invoker {
  private final MethodHandle handle;

  private Invoker(MethodHandle handle) {
    this.handle = handle;
  }

  /**
   * Makes the handle.
   *
   * @throws IllegalArgumentException naming the {@code opens} the module needs, if the method
   *     cannot be reached
   */
  static Invoker of(Object target, Method method) {
    String where = where(method);
    if (Modifier.isStatic(method.getModifiers())) {
      throw new IllegalArgumentException(where + ": must not be static");
    }
    MethodHandle unbound;
    try {
      unbound =
          method.trySetAccessible()
              ? MethodHandles.lookup().unreflect(method)
              : MethodHandles.publicLookup().unreflect(method);
    } catch (IllegalAccessException e) {
      Class<?> type = method.getDeclaringClass();
      throw new IllegalArgumentException(
          where
              + ": not accessible; make it public in an exported package, or declare in module "
              + type.getModule().getName()
              + ": opens "
              + type.getPackageName()
              + " to dev.mcpkit.tools, tools.jackson.databind;",
          e);
    }
    int arity = method.getParameterCount();
    MethodHandle spread =
        unbound
            .bindTo(target)
            .asSpreader(Object[].class, arity)
            .asType(MethodType.methodType(Object.class, Object[].class));
    return new Invoker(spread);
  }

  static String where(Method method) {
    return method.getDeclaringClass().getName() + "." + method.getName();
  }

  /** Calls the method; what it throws passes through unwrapped. */
  @Nullable Object invoke(@Nullable Object[] arguments) throws Exception {
    try {
      return (Object) handle.invokeExact((Object[]) arguments);
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable other) {
      throw new IllegalStateException(other);
    }
  }
}
