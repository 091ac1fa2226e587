package dev.mcpkit.tools;

import dev.mcpkit.api.server.ToolContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Tools whose parameter and return types cover what the schema generator must handle. */
public final class SchemaSamples {
  /** A unit of temperature. */
  public enum Unit {
    CELSIUS,
    FAHRENHEIT
  }

  /** A place, nested in other types. */
  public record Place(@Description("City name") String city, @Nullable String country) {}

  /** Every kind of argument. */
  public record Everything(
      String text,
      int count,
      long big,
      double ratio,
      boolean flag,
      Unit unit,
      List<String> tags,
      Map<String, Integer> scores,
      Optional<String> nickname,
      @Nullable Integer limit,
      Place home,
      List<Place> visited,
      @Description("How many days ahead") @Examples({"3", "7"}) int days) {}

  /** A structured result. */
  public record Forecast(String city, double temperature, Unit unit) {}

  /** Takes a record: its components are the arguments. */
  @McpTool(description = "Takes everything.")
  public Forecast everything(Everything arguments, ToolContext context) {
    return new Forecast(arguments.home().city(), 21.5, arguments.unit());
  }

  /** Takes parameters by name. */
  @McpTool(description = "Tells the weather.")
  public Forecast weather(
      @Description("City name") @Examples({"Paris"}) String city,
      @Nullable Unit unit,
      Optional<Integer> days) {
    return new Forecast(city, 21.5, unit == null ? Unit.CELSIUS : unit);
  }

  /** Returns a list: wrapped as {"result": [...]}. */
  @McpTool(name = "list_cities", description = "Lists cities.")
  public List<String> listCities(Place near) {
    return List.of(near.city(), "Lyon");
  }

  /** Returns text. */
  @McpTool(description = "Says hello.")
  public String hello(String name) {
    return "Hello, " + name + "!";
  }
}
