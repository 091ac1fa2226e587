package dev.mcpkit.benchmarks.e2e;

/**
 * What sends the measured load ({@code --generator}); setup and verification always use {@link
 * LoadClient}.
 */
enum LoadGenerator {
  /**
   * The lean generator (the default): over HTTP/1.1 a {@link RawHttp1Connection} per user on one
   * event loop, over h2c a {@link RawH2cConnection} per user on shared HTTP/2 sessions.
   */
  LEAN("lean"),
  /** {@link LoadClient}: Jetty's {@code HttpClient}, as in the first round of this comparison. */
  JETTY("jetty");

  private final String label;

  LoadGenerator(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  static LoadGenerator of(String label) {
    for (LoadGenerator generator : values()) {
      if (generator.label.equals(label)) {
        return generator;
      }
    }
    throw new IllegalArgumentException(
        "unknown load generator: " + label + " (expected lean or jetty)");
  }
}
