package dev.mcpkit.benchmarks.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Draws the comparison as one SVG: four panels (throughput and p99 latency, HTTP/1.1 and h2c), each
 * a grouped bar chart with one group per concurrency and one bar per server. Throughput on a linear
 * axis, latency on a logarithmic one (the servers differ by orders of magnitude). Plain SVG text,
 * no dependencies.
 */
final class E2eChart {
  private static final int PANEL_W = 460;
  private static final int PANEL_H = 280;
  private static final int LEFT = 70;
  private static final int TOP = 40;
  private static final int BOTTOM = 40;
  // Charted servers; mcpkit-token-unchecked is a baseline of the bearer-token tables only, and
  // mcpkit-plain (the blocking echo) belongs to issue 20's tables.
  private static final List<String> SERVERS =
      List.of("mcpkit", "mcpkit-oauth", "mcpkit-typed", "sdk", "jetty");
  private static final String[] NAMES = {
    "mcpkit",
    "mcpkit + bearer tokens",
    "mcpkit, typed echo",
    "official SDK 2.1.0",
    "bare Jetty (floor)"
  };
  private static final String[] COLORS = {"#2b6cb0", "#63b3ed", "#2f855a", "#dd6b20", "#a0aec0"};

  private E2eChart() {}

  static String svg(E2eResults results) {
    int width = 2 * PANEL_W + 40;
    int height = 2 * PANEL_H + 90;
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">%n",
            width,
            height,
            width,
            height));
    svg.append(
        String.format(
            Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
    svg.append(
        "<text x=\"20\" y=\"24\" font-size=\"16\" font-weight=\"bold\">tools/call echo over loopback: "
            + "mcpkit vs the official MCP Java SDK vs a bare Jetty handler</text>\n");
    // A legend entry and a bar slot for each server in the results only.
    List<String> shown =
        SERVERS.stream()
            .filter(
                server ->
                    results.rows("scenarios").stream()
                        .anyMatch(n -> n.path("server").asString("").equals(server)))
            .toList();
    for (int slot = 0; slot < shown.size(); slot++) {
      int i = SERVERS.indexOf(shown.get(slot));
      int x = 20 + slot * 190;
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"36\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                  + "<text x=\"%d\" y=\"46\">%s</text>%n",
              x,
              COLORS[i],
              x + 18,
              NAMES[i]));
    }
    int row = 0;
    for (String metric : List.of("perSecond", "p99Us")) {
      int col = 0;
      for (String protocol : List.of("http1", "h2c")) {
        panel(
            svg,
            results,
            shown,
            protocol,
            metric,
            20 + col * (PANEL_W + 10),
            60 + row * (PANEL_H + 10));
        col++;
      }
      row++;
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static void panel(
      StringBuilder svg,
      E2eResults results,
      List<String> shown,
      String protocol,
      String metric,
      int x0,
      int y0) {
    List<JsonNode> rows =
        results.rows("scenarios").stream()
            .filter(n -> n.path("protocol").asString("").equals(protocol))
            .toList();
    boolean latency = metric.equals("p99Us");
    String title =
        (latency ? "p99 latency (log scale, CO-corrected), " : "throughput (req/s), ")
            + E2eReport.title(protocol);
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n",
            x0 + LEFT,
            y0 + 20,
            title));
    if (rows.isEmpty()) {
      return;
    }
    List<Integer> groups =
        new ArrayList<>(
            new TreeSet<>(rows.stream().map(n -> n.path("concurrency").asInt()).toList()));
    double max = rows.stream().mapToDouble(n -> n.path(metric).asDouble()).max().orElse(1);
    double min =
        rows.stream()
            .mapToDouble(n -> n.path(metric).asDouble())
            .filter(v -> v > 0)
            .min()
            .orElse(1);
    int plotW = PANEL_W - LEFT - 10;
    int plotH = PANEL_H - TOP - BOTTOM;
    int plotX = x0 + LEFT;
    int plotY = y0 + TOP;
    Axis axis = latency ? Axis.log(min, max) : Axis.linear(max);
    for (double tick : axis.ticks()) {
      double y = plotY + plotH - axis.fraction(tick) * plotH;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e2e8f0\"/>"
                  + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#4a5568\">%s</text>%n",
              plotX,
              y,
              plotX + plotW,
              y,
              plotX - 6,
              y + 4,
              latency ? latencyLabel(tick) : countLabel(tick)));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#4a5568\"/>%n",
            plotX,
            plotY + plotH,
            plotX + plotW,
            plotY + plotH));
    double groupW = (double) plotW / groups.size();
    double barW = groupW * 0.8 / Math.max(1, shown.size());
    for (int g = 0; g < groups.size(); g++) {
      int users = groups.get(g);
      double gx = plotX + g * groupW + groupW * 0.1;
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d users</text>%n",
              plotX + g * groupW + groupW / 2,
              plotY + plotH + 16,
              users));
      for (int s = 0; s < shown.size(); s++) {
        String server = shown.get(s);
        JsonNode n =
            rows.stream()
                .filter(
                    r ->
                        r.path("server").asString("").equals(server)
                            && r.path("concurrency").asInt() == users)
                .findFirst()
                .orElse(null);
        if (n == null) {
          continue;
        }
        double value = n.path(metric).asDouble();
        double h = Math.max(1, axis.fraction(value) * plotH);
        double bx = gx + s * barW;
        svg.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                    + "<title>%s %s, %d users: %s</title></rect>%n",
                bx,
                plotY + plotH - h,
                barW - 1,
                h,
                COLORS[SERVERS.indexOf(server)],
                server,
                protocol,
                users,
                latency ? latencyLabel(value) : String.format(Locale.ROOT, "%,.0f req/s", value)));
        svg.append(
            String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"9\" fill=\"#2d3748\">%s</text>%n",
                bx + barW / 2,
                plotY + plotH - h - 3,
                latency ? latencyLabel(value) : countLabel(value)));
      }
    }
  }

  private static String countLabel(double v) {
    return v >= 1000
        ? String.format(Locale.ROOT, "%.0fk", v / 1000)
        : String.format(Locale.ROOT, "%.0f", v);
  }

  private static String latencyLabel(double us) {
    if (us >= 1000) {
      double ms = us / 1000;
      return ms >= 10
          ? String.format(Locale.ROOT, "%.0f ms", ms)
          : String.format(Locale.ROOT, "%.1f ms", ms);
    }
    return String.format(Locale.ROOT, "%.0f µs", us);
  }

  /** Maps values to [0, 1] of the plot height. */
  private record Axis(boolean log, double low, double high, List<Double> ticks) {
    static Axis linear(double max) {
      double step = niceStep(max / 4);
      double high = Math.ceil(max * 1.1 / step) * step;
      List<Double> ticks = new ArrayList<>();
      for (double t = 0; t <= high + step / 2; t += step) {
        ticks.add(t);
      }
      return new Axis(false, 0, high, ticks);
    }

    static Axis log(double min, double max) {
      double low = Math.pow(10, Math.floor(Math.log10(min)));
      double high = Math.pow(10, Math.ceil(Math.log10(max * 1.5)));
      List<Double> ticks = new ArrayList<>();
      for (double t = low; t <= high * 1.01; t *= 10) {
        ticks.add(t);
      }
      return new Axis(true, low, high, ticks);
    }

    double fraction(double value) {
      if (log) {
        return (Math.log10(Math.max(value, low)) - Math.log10(low))
            / (Math.log10(high) - Math.log10(low));
      }
      return value / high;
    }

    private static double niceStep(double raw) {
      double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
      double normalized = raw / magnitude;
      double nice = normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10;
      return nice * magnitude;
    }
  }
}
