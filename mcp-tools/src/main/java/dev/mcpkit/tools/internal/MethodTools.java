package dev.mcpkit.tools.internal;

import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolHandler;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.tools.McpTool;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Makes tools of an object's {@link McpTool} methods, and of records with lambdas. Stateless. */
final class MethodTools {
  private MethodTools() {}

  static List<Tool> of(Object target) {
    List<Tool> tools = new ArrayList<>();
    for (Method method : Annotated.methods(target.getClass(), McpTool.class)) {
      tools.add(of(target, method, method.getAnnotation(McpTool.class)));
    }
    if (tools.isEmpty()) {
      throw new IllegalArgumentException(
          target.getClass().getName() + " has no public method annotated @McpTool");
    }
    tools.sort(Comparator.comparing(Tool::name));
    return List.copyOf(tools);
  }

  private static Tool of(Object target, Method method, McpTool annotation) {
    String name = annotation.name().isEmpty() ? method.getName() : annotation.name();
    String where = Invoker.where(method);
    Invoker invoker = Invoker.of(target, method);
    ArgumentsBinding binding = ArgumentsBinding.of(where, method.getParameters());
    ResultMapping result = ResultMapping.of(where, method.getGenericReturnType());
    ToolHandler handler =
        (arguments, context) -> {
          @Nullable Object[] values;
          try {
            values = binding.bind(arguments, context);
          } catch (InvalidArgumentsException e) {
            return invalid(name, e);
          }
          return result.toResult(invoker.invoke(values));
        };
    return tool(name, annotation.description(), binding, result, handler)
        .withInvocationType(annotation.invocationType());
  }

  static <A, R> Tool typed(
      String name,
      String description,
      Class<A> argumentsType,
      Class<R> resultType,
      dev.mcpkit.api.server.TypedToolHandler<A, R> typed) {
    String where = "tool '" + name + "'";
    ArgumentsBinding binding = ArgumentsBinding.ofRecord(where, argumentsType);
    ResultMapping result = ResultMapping.of(where, resultType);
    ToolHandler handler =
        (arguments, context) -> {
          @Nullable Object[] values;
          try {
            values = binding.bind(arguments, context);
          } catch (InvalidArgumentsException e) {
            return invalid(name, e);
          }
          A bound = argumentsType.cast(java.util.Objects.requireNonNull(values[0], "arguments"));
          return result.toResult(typed.call(bound, context));
        };
    return tool(name, description, binding, result, handler);
  }

  private static Tool tool(
      String name,
      String description,
      ArgumentsBinding binding,
      ResultMapping result,
      ToolHandler handler) {
    Tool tool = Tool.of(name, description, binding.inputSchema(), handler);
    return result.outputSchema() == null ? tool : tool.withOutputSchema(result.outputSchema());
  }

  private static ToolResult invalid(String name, InvalidArgumentsException e) {
    return ToolResult.error("invalid arguments for tool '" + name + "':\n- " + e.getMessage());
  }
}
