package dev.mcpkit.tools.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.server.Prompt;
import dev.mcpkit.api.server.Resource;
import dev.mcpkit.api.server.ResourceTemplate;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.TypedToolHandler;
import dev.mcpkit.api.spi.TypedDefinitions;
import java.util.List;

/** The {@link TypedDefinitions} service of this module. Stateless and thread-safe. */
public final class TypedDefinitionsProvider implements TypedDefinitions {

  /** Creates the provider; called by {@link java.util.ServiceLoader}. */
  public TypedDefinitionsProvider() {}

  @Override
  public <A, R> Tool tool(
      String name,
      String description,
      Class<A> argumentsType,
      Class<R> resultType,
      TypedToolHandler<A, R> handler) {
    requireNonNull(name, "name");
    requireNonNull(description, "description");
    requireNonNull(argumentsType, "argumentsType");
    requireNonNull(resultType, "resultType");
    requireNonNull(handler, "handler");
    return MethodTools.typed(name, description, argumentsType, resultType, handler);
  }

  @Override
  public List<Tool> tools(Object target) {
    return MethodTools.of(requireNonNull(target, "target"));
  }

  @Override
  public List<Resource> resources(Object target) {
    return MethodResources.resources(requireNonNull(target, "target"));
  }

  @Override
  public List<ResourceTemplate> resourceTemplates(Object target) {
    return MethodResources.templates(requireNonNull(target, "target"));
  }

  @Override
  public List<Prompt> prompts(Object target) {
    return MethodPrompts.of(requireNonNull(target, "target"));
  }
}
