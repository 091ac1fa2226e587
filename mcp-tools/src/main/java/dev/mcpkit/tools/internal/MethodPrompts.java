package dev.mcpkit.tools.internal;

import dev.mcpkit.api.server.Prompt;
import dev.mcpkit.api.server.PromptArgument;
import dev.mcpkit.api.server.PromptHandler;
import dev.mcpkit.api.server.PromptMessage;
import dev.mcpkit.api.server.PromptResult;
import dev.mcpkit.tools.McpPrompt;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Makes prompts of an object's {@link McpPrompt} methods. Stateless. */
final class MethodPrompts {
  private MethodPrompts() {}

  static List<Prompt> of(Object target) {
    List<Prompt> prompts = new ArrayList<>();
    for (Method method : Annotated.methods(target.getClass(), McpPrompt.class)) {
      prompts.add(of(target, method, method.getAnnotation(McpPrompt.class)));
    }
    if (prompts.isEmpty()) {
      throw new IllegalArgumentException(
          target.getClass().getName() + " has no public method annotated @McpPrompt");
    }
    prompts.sort(Comparator.comparing(Prompt::name));
    return List.copyOf(prompts);
  }

  private static Prompt of(Object target, Method method, McpPrompt annotation) {
    String name = annotation.name().isEmpty() ? method.getName() : annotation.name();
    Invoker invoker = Invoker.of(target, method);
    StringArguments binding = StringArguments.of(target, method);
    List<PromptArgument> arguments = new ArrayList<>();
    for (StringArguments.Slot slot : binding.slots()) {
      String argument = slot.name();
      if (argument == null) {
        continue;
      }
      arguments.add(
          new PromptArgument(argument, slot.description(), slot.required(), slot.completer()));
    }
    PromptHandler handler =
        (values, context) -> toResult(invoker.invoke(binding.bind(values, context)), name);
    return Prompt.of(name, annotation.description(), arguments, handler);
  }

  private static PromptResult toResult(@Nullable Object value, String name) {
    return switch (value) {
      case PromptResult result -> result;
      case PromptMessage message -> PromptResult.of(message);
      case String text -> PromptResult.of(PromptMessage.user(text));
      case List<?> list -> {
        List<PromptMessage> messages = new ArrayList<>();
        for (Object element : list) {
          messages.add((PromptMessage) element);
        }
        yield new PromptResult(null, messages);
      }
      case null -> throw new IllegalStateException("prompt '" + name + "' returned no result");
      default ->
          throw new IllegalStateException(
              "prompt '" + name + "' returned a " + value.getClass().getName());
    };
  }
}
