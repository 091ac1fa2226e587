package dev.mcpkit.tools;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the method that completes a prompt argument or a resource template variable: a public
 * method of the same object that takes the prefix typed so far ({@code String}) and returns the
 * candidates ({@code List<String>}); the first 100 are sent.
 *
 * {@snippet :
 * @McpPrompt(description = "Plans a trip.")
 * public String trip(@CompletedBy("cities") String city) { ... }
 *
 * public List<String> cities(String prefix) {
 *   return CITIES.stream().filter(c -> c.startsWith(prefix)).toList();
 * }
 * }
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface CompletedBy {

  /**
   * The completing method's name.
   *
   * @return the method name
   */
  String value();
}
