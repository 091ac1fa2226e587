package dev.mcpkit.benchmarks.e2e;

/** The three servers of the comparison, in the order they appear in tables and charts. */
public enum ServerKind {
  /** mcpkit: {@code McpHttpServer} with an engine from {@code McpEngines}, in-memory sessions. */
  MCPKIT("mcpkit", true),
  /**
   * The official MCP Java SDK's servlet Streamable HTTP transport on Jetty's ee11 servlet
   * container.
   */
  SDK("sdk", true),
  /** A bare Jetty core handler answering canned JSON-RPC: the floor no MCP server can beat. */
  JETTY("jetty", false);

  private final String label;
  private final boolean keepsSessions;

  ServerKind(String label, boolean keepsSessions) {
    this.label = label;
    this.keepsSessions = keepsSessions;
  }

  /** The short name used on the command line, in results and in charts. */
  public String label() {
    return label;
  }

  /** Whether the server keeps per-session state, so heap per idle session means something. */
  public boolean keepsSessions() {
    return keepsSessions;
  }

  /**
   * Parses a label.
   *
   * @param label {@code mcpkit}, {@code sdk} or {@code jetty}
   * @return the kind
   * @throws IllegalArgumentException for any other label
   */
  public static ServerKind of(String label) {
    for (ServerKind kind : values()) {
      if (kind.label.equals(label)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "unknown server: " + label + " (expected mcpkit, sdk or jetty)");
  }
}
