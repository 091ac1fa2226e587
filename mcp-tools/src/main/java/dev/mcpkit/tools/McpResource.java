package dev.mcpkit.tools;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a public method a resource, registered with {@code
 * McpServerConfig.builder().resources(object)}. A URI with variables ({@code
 * weather://{city}/today}) makes a resource template whose variables bind to the method's
 * parameters by name, converted to their types ({@code String}, numbers, enums); a {@link
 * CompletedBy} or enum parameter gives completions. A {@link dev.mcpkit.api.server.RequestContext}
 * parameter is injected. The method returns a {@code String} (the text of the resource), a {@code
 * ResourceContents} or a list of them, or any other object, which is served as its JSON text.
 *
 * {@snippet :
 * @McpResource(uri = "weather://{city}/today", description = "Today's weather in a city.")
 * public Forecast today(String city) {
 *   return new Forecast(city, 22.5, Unit.CELSIUS);
 * }
 * }
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface McpResource {

  /**
   * The resource's URI, or a level-1 URI template ({@code {name}} variables).
   *
   * @return the URI or URI template
   */
  String uri();

  /**
   * The resource's name.
   *
   * @return the name; empty (the default) for the method's name
   */
  String name() default "";

  /**
   * What the resource holds, for the model.
   *
   * @return the description; empty for none
   */
  String description() default "";

  /**
   * The MIME type of its contents.
   *
   * @return the MIME type; empty (the default) for {@code text/plain} when the method returns a
   *     {@code String} and {@code application/json} otherwise
   */
  String mimeType() default "";
}
