package dev.mcpkit.benchmarks.e2e;

/** The servers of the comparison, in the order they appear in tables and charts. */
public enum ServerKind {
  /** mcpkit: {@code McpHttpServer} with an engine from {@code McpEngines}, in-memory sessions. */
  MCPKIT("mcpkit", true, false),
  /**
   * The same mcpkit server protected by mcp-auth's {@code ResourceServer}: every request must carry
   * a bearer token of the {@link LoopbackAuthorizationServer} the driver runs; what token
   * validation with cached keys costs end to end. Not in the full run's default servers.
   */
  MCPKIT_OAUTH("mcpkit-oauth", true, true),
  /**
   * The same mcpkit server with {@code echo} written as a typed tool ({@code Tool.typed} over a
   * record): what generated schemas, argument validation and Jackson binding cost end to end,
   * beside {@link #MCPKIT} in one run. Not in the full run's default servers.
   */
  MCPKIT_TYPED("mcpkit-typed", true, false),
  /**
   * The official MCP Java SDK's servlet Streamable HTTP transport on Jetty's ee11 servlet
   * container.
   */
  SDK("sdk", true, false),
  /** A bare Jetty core handler answering canned JSON-RPC: the floor no MCP server can beat. */
  JETTY("jetty", false, false);

  private final String label;
  private final boolean keepsSessions;
  private final boolean needsBearerToken;

  ServerKind(String label, boolean keepsSessions, boolean needsBearerToken) {
    this.label = label;
    this.keepsSessions = keepsSessions;
    this.needsBearerToken = needsBearerToken;
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
   * Whether every request needs {@code Authorization: Bearer <token>}; the server JVM then takes
   * the authorization server's issuer as its second argument.
   */
  public boolean needsBearerToken() {
    return needsBearerToken;
  }

  /**
   * Parses a label.
   *
   * @param label {@code mcpkit}, {@code mcpkit-oauth}, {@code sdk} or {@code jetty}
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
        "unknown server: " + label + " (expected mcpkit, mcpkit-oauth, sdk or jetty)");
  }
}
