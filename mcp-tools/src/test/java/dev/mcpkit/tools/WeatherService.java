package dev.mcpkit.tools;

import dev.mcpkit.api.server.RequestContext;
import dev.mcpkit.api.server.ToolContext;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A plain object with a tool, a resource, a resource template and a prompt. */
public final class WeatherService {
  private static final List<String> CITIES = List.of("Lyon", "Oslo", "Paris");

  /** A forecast. */
  public record Forecast(
      String city, double temperature, SchemaSamples.Unit unit, boolean session) {}

  /** A forecast for some days. */
  public record Outlook(String city, int days) {}

  /** The tool. */
  @McpTool(description = "Tells the weather in a city.")
  public Forecast forecast(
      @Description("City name") String city, SchemaSamples.@Nullable Unit unit, ToolContext ctx) {
    if (!CITIES.contains(city)) {
      throw new IllegalArgumentException("city not found: " + city);
    }
    SchemaSamples.Unit chosen = unit == null ? SchemaSamples.Unit.CELSIUS : unit;
    double celsius = 22.0;
    double temperature = chosen == SchemaSamples.Unit.CELSIUS ? celsius : celsius * 9 / 5 + 32;
    return new Forecast(city, temperature, chosen, TypedToolsTest.hasSession(ctx));
  }

  /** A static resource. */
  @McpResource(uri = "weather://cities", description = "The cities known.")
  public String cities() {
    return String.join("\n", CITIES);
  }

  /** A resource template. */
  @McpResource(uri = "weather://{city}/{days}", description = "The outlook for some days.")
  public Outlook outlook(@CompletedBy("cityNames") String city, int days, RequestContext context) {
    return new Outlook(city, days);
  }

  /**
   * Completes city names.
   *
   * @param prefix what was typed
   * @return the matching cities
   */
  public List<String> cityNames(String prefix) {
    return CITIES.stream().filter(c -> c.startsWith(prefix)).toList();
  }

  /** A prompt. */
  @McpPrompt(description = "Asks for a packing list.")
  public String packing(
      @Description("Where to") String city, SchemaSamples.@Nullable Unit unit, int days) {
    return "What should I pack for "
        + days
        + " days in "
        + city
        + "? Temperatures in "
        + (unit == null ? SchemaSamples.Unit.CELSIUS : unit)
        + ".";
  }
}
