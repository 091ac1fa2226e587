package dev.mcpkit.benchmarks.e2e;

/** The HTTP version the load client speaks to every server. */
enum Protocol {
  /** HTTP/1.1, one request per connection at a time, a pool of connections. */
  HTTP1("http1", "HTTP/1.1"),
  /** Cleartext HTTP/2 with prior knowledge, requests multiplexed on shared connections. */
  H2C("h2c", "h2c");

  private final String label;
  private final String title;

  Protocol(String label, String title) {
    this.label = label;
    this.title = title;
  }

  /** The short name used on the command line and in results. */
  String label() {
    return label;
  }

  /** The name used in tables and charts. */
  String title() {
    return title;
  }

  static Protocol of(String label) {
    for (Protocol protocol : values()) {
      if (protocol.label.equals(label)) {
        return protocol;
      }
    }
    throw new IllegalArgumentException("unknown protocol: " + label + " (expected http1 or h2c)");
  }
}
