package dev.mcpkit.api.spi;

import dev.mcpkit.api.server.Prompt;
import dev.mcpkit.api.server.Resource;
import dev.mcpkit.api.server.ResourceTemplate;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.TypedToolHandler;
import java.util.List;

/**
 * Makes tools, resources and prompts out of Java types and annotated methods: what {@link
 * Tool#typed} and {@link dev.mcpkit.api.server.McpServerConfig.Builder#tools(Object...)} delegate
 * to. The {@code dev.mcpkit.tools} module provides it (found with {@link java.util.ServiceLoader});
 * it is an SPI so that servers that never use it carry neither the module nor its schema generator.
 *
 * <p>Implementations are thread-safe; everything they return is immutable.
 */
public interface TypedDefinitions {

  /**
   * Makes a tool of a Java type and a handler; see {@link Tool#typed}.
   *
   * @param name the tool's name
   * @param description what it does
   * @param argumentsType the type the arguments bind to
   * @param resultType the type of the handler's result
   * @param handler the code that runs
   * @param <A> the arguments type
   * @param <R> the result type
   * @return the tool
   */
  <A, R> Tool tool(
      String name,
      String description,
      Class<A> argumentsType,
      Class<R> resultType,
      TypedToolHandler<A, R> handler);

  /**
   * Makes a tool of each method of {@code target} annotated as a tool.
   *
   * @param target the object whose methods run
   * @return the tools, in a stable order (by name)
   * @throws IllegalArgumentException if {@code target} has no such method or one cannot be bound
   */
  List<Tool> tools(Object target);

  /**
   * Makes a static resource of each method of {@code target} annotated as a resource whose URI has
   * no template variables.
   *
   * @param target the object whose methods run
   * @return the resources, in a stable order (by URI)
   */
  List<Resource> resources(Object target);

  /**
   * Makes a resource template of each method of {@code target} annotated as a resource whose URI
   * has template variables, bound to the method's parameters by name.
   *
   * @param target the object whose methods run
   * @return the templates, in a stable order (by URI template)
   */
  List<ResourceTemplate> resourceTemplates(Object target);

  /**
   * Makes a prompt of each method of {@code target} annotated as a prompt.
   *
   * @param target the object whose methods run
   * @return the prompts, in a stable order (by name)
   * @throws IllegalArgumentException if {@code target} has no such method or one cannot be bound
   */
  List<Prompt> prompts(Object target);
}
