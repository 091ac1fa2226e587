package dev.mcpkit.tools;

import dev.mcpkit.api.InvocationType;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a public method a tool, registered with {@code McpServerConfig.builder().tools(object)}.
 *
 * <p>The method's parameters are the tool's arguments, bound by name (compile with {@code
 * -parameters}); a method whose only argument parameter is a record takes the record's components
 * as its arguments instead. A {@link dev.mcpkit.api.server.ToolContext} parameter is injected and
 * is not an argument. The input schema is generated from the parameter types: a parameter is
 * required unless it is {@code @Nullable} or an {@code Optional}. The return type gives the output
 * schema and the {@code structuredContent}: a record or other object as it is, anything else (a
 * list, a number) wrapped as {@code {"result": ...}}; a {@code String} return is a text result, a
 * {@code ToolResult} is passed through, {@code void} gives an empty result. An exception thrown by
 * the method becomes an {@code isError} result with its message.
 *
 * {@snippet :
 * public final class WeatherTools {
 *   public enum Unit { CELSIUS, FAHRENHEIT }
 *   public record Forecast(String city, double temperature, Unit unit) {}
 *
 *   @McpTool(description = "Tells the weather in a city.")
 *   public Forecast forecast(@Description("City name") String city, @Nullable Unit unit) {
 *     return new Forecast(city, 22.5, unit == null ? Unit.CELSIUS : unit);
 *   }
 * }
 * }
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface McpTool {

  /**
   * The tool's name.
   *
   * @return the name; empty (the default) for the method's name
   */
  String name() default "";

  /**
   * What the tool does, for the model.
   *
   * @return the description
   */
  String description();

  /**
   * Whether the method may block; {@link InvocationType#NON_BLOCKING} lets it run on an I/O thread
   * (see {@link dev.mcpkit.api.server.Tool}).
   *
   * @return the invocation type; {@link InvocationType#BLOCKING} by default
   */
  InvocationType invocationType() default InvocationType.BLOCKING;
}
