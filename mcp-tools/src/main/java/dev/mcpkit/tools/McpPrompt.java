package dev.mcpkit.tools;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a public method a prompt, registered with {@code
 * McpServerConfig.builder().prompts(object)}. The prompt's arguments are the method's parameters,
 * bound by name and converted to their types ({@code String}, numbers, enums); a parameter is
 * required unless it is {@code @Nullable} or an {@code Optional}; its {@link Description} describes
 * it; an enum parameter completes to its constants, one with {@link CompletedBy} to what the named
 * method returns. A {@link dev.mcpkit.api.server.RequestContext} parameter is injected. The method
 * returns a {@code String} (one user message), a {@code PromptMessage}, a list of them, or a {@code
 * PromptResult}.
 *
 * {@snippet :
 * @McpPrompt(description = "Asks for a packing list for a trip.")
 * public String packing(@Description("Where to") String city, Unit unit) {
 *   return "What should I pack for " + city + "? Use " + unit + ".";
 * }
 * }
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface McpPrompt {

  /**
   * The prompt's name.
   *
   * @return the name; empty (the default) for the method's name
   */
  String name() default "";

  /**
   * What the prompt is for.
   *
   * @return the description
   */
  String description();
}
