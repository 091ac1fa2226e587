package dev.mcpkit.benchmarks.e2e;

/** How the measured HTTP/1.1 load is sent ({@code --http1-generator}); h2c always uses Jetty's client. */
enum Http1Generator {
  /** {@link RawHttp1Connection}: one blocking socket per user, minimal parsing (the default). */
  RAW("raw"),
  /** {@link LoadClient}: Jetty's {@code HttpClient}, as in the first runs of this comparison. */
  JETTY("jetty");

  private final String label;

  Http1Generator(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  static Http1Generator of(String label) {
    for (Http1Generator generator : values()) {
      if (generator.label.equals(label)) {
        return generator;
      }
    }
    throw new IllegalArgumentException("unknown HTTP/1.1 generator: " + label + " (expected raw or jetty)");
  }
}
