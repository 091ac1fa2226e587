package dev.mcpkit.tools.internal;

import dev.mcpkit.api.server.Resource;
import dev.mcpkit.api.server.ResourceContents;
import dev.mcpkit.api.server.ResourceTemplate;
import dev.mcpkit.tools.McpResource;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Makes resources and resource templates of an object's {@link McpResource} methods: a URI without
 * variables is a resource, one with variables a template whose variables bind to the method's
 * parameters by name. Stateless.
 */
final class MethodResources {
  private MethodResources() {}

  static List<Resource> resources(Object target) {
    List<Resource> resources = new ArrayList<>();
    for (Method method : Annotated.methods(target.getClass(), McpResource.class)) {
      McpResource annotation = method.getAnnotation(McpResource.class);
      if (!annotation.uri().contains("{")) {
        Reader reader = reader(target, method, annotation);
        resources.add(
            Resource.of(
                annotation.uri(),
                name(method, annotation),
                description(annotation),
                reader.mimeType(),
                (uri, context) -> reader.read(uri, Map.of(), context)));
      }
    }
    resources.sort(Comparator.comparing(Resource::uri));
    return List.copyOf(resources);
  }

  static List<ResourceTemplate> templates(Object target) {
    List<ResourceTemplate> templates = new ArrayList<>();
    for (Method method : Annotated.methods(target.getClass(), McpResource.class)) {
      McpResource annotation = method.getAnnotation(McpResource.class);
      if (annotation.uri().contains("{")) {
        Reader reader = reader(target, method, annotation);
        Map<String, dev.mcpkit.api.server.CompletionHandler> completers = new HashMap<>();
        for (StringArguments.Slot slot : reader.binding().slots()) {
          if (slot.name() != null && slot.completer() != null) {
            completers.put(slot.name(), slot.completer());
          }
        }
        ResourceTemplate template =
            new ResourceTemplate(
                annotation.uri(),
                name(method, annotation),
                null,
                description(annotation),
                reader.mimeType(),
                reader::read,
                completers);
        for (StringArguments.Slot slot : reader.binding().slots()) {
          if (slot.name() != null && !template.variables().contains(slot.name())) {
            throw new IllegalArgumentException(
                Invoker.where(method)
                    + ": parameter '"
                    + slot.name()
                    + "' names no variable of '"
                    + annotation.uri()
                    + "'");
          }
        }
        templates.add(template);
      }
    }
    templates.sort(Comparator.comparing(ResourceTemplate::uriTemplate));
    return List.copyOf(templates);
  }

  private static String name(Method method, McpResource annotation) {
    return annotation.name().isEmpty() ? method.getName() : annotation.name();
  }

  private static @Nullable String description(McpResource annotation) {
    return annotation.description().isEmpty() ? null : annotation.description();
  }

  private static Reader reader(Object target, Method method, McpResource annotation) {
    if (!ResourceContents.class.isAssignableFrom(method.getReturnType())
        && !List.class.isAssignableFrom(method.getReturnType())) {
      JacksonAccess.require(method.getGenericReturnType(), Invoker.where(method));
    }
    boolean text = method.getReturnType() == String.class;
    String mimeType =
        !annotation.mimeType().isEmpty()
            ? annotation.mimeType()
            : text ? "text/plain" : "application/json";
    return new Reader(
        Invoker.of(target, method), StringArguments.of(target, method), mimeType, text);
  }

  /** Reads one resource: binds the variables, calls the method, converts what it returns. */
  private record Reader(Invoker invoker, StringArguments binding, String mimeType, boolean text) {
    List<ResourceContents> read(
        String uri, Map<String, String> variables, dev.mcpkit.api.server.RequestContext context)
        throws Exception {
      Object value = invoker.invoke(binding.bind(variables, context));
      return switch (value) {
        case ResourceContents contents -> List.of(contents);
        case List<?> list when !list.isEmpty() && list.get(0) instanceof ResourceContents -> {
          List<ResourceContents> contents = new ArrayList<>();
          for (Object element : list) {
            contents.add((ResourceContents) element);
          }
          yield contents;
        }
        case String string -> List.of(ResourceContents.text(uri, mimeType, string));
        case null -> List.of();
        default ->
            List.of(ResourceContents.text(uri, mimeType, Json.MAPPER.writeValueAsString(value)));
      };
    }
  }
}
