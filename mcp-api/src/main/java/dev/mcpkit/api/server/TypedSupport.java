package dev.mcpkit.api.server;

import dev.mcpkit.api.spi.TypedDefinitions;
import java.util.ServiceLoader;

/** Finds the provider of typed tools, resources and prompts once, on first use. */
final class TypedSupport {
  private TypedSupport() {}

  static TypedDefinitions definitions() {
    return Holder.DEFINITIONS;
  }

  /** Lazy holder: servers that never use typed definitions never look for a provider. */
  private static final class Holder {
    static final TypedDefinitions DEFINITIONS = load();

    private static TypedDefinitions load() {
      return ServiceLoader.load(TypedDefinitions.class, TypedSupport.class.getClassLoader())
          .findFirst()
          .orElseGet(Missing::new);
    }
  }

  /** Stands in when no provider is present, so that each use fails with the same clear message. */
  private static final class Missing implements TypedDefinitions {
    private static IllegalStateException missing() {
      return new IllegalStateException(
          "typed tools, resources and prompts need the dev.mcpkit.tools module"
              + " (artifact dev.mcpkit:mcp-tools) on the class or module path");
    }

    @Override
    public <A, R> Tool tool(
        String name,
        String description,
        Class<A> argumentsType,
        Class<R> resultType,
        TypedToolHandler<A, R> handler) {
      throw missing();
    }

    @Override
    public java.util.List<Tool> tools(Object target) {
      throw missing();
    }

    @Override
    public java.util.List<Resource> resources(Object target) {
      throw missing();
    }

    @Override
    public java.util.List<ResourceTemplate> resourceTemplates(Object target) {
      throw missing();
    }

    @Override
    public java.util.List<Prompt> prompts(Object target) {
      throw missing();
    }
  }
}
