package dev.mcpkit.benchmarks.e2e;

/** The servers of the comparison, in the order they appear in tables and charts. */
public enum ServerKind {
  /** mcpkit: {@code McpHttpServer} with an engine from {@code McpEngines}, in-memory sessions. */
  MCPKIT("mcpkit", true, false, false),
  /**
   * The same mcpkit server protected by mcp-auth's {@code ResourceServer}: every request must carry
   * a bearer token of the {@link LoopbackAuthorizationServer} the driver runs; what token
   * validation with cached keys costs end to end. Not in the full run's default servers.
   */
  MCPKIT_OAUTH("mcpkit-oauth", true, true, true),
  /**
   * The unprotected {@link #MCPKIT} server sent the same bearer token as {@link #MCPKIT_OAUTH} on
   * every request, which it ignores: the baseline that separates what validating a token costs from
   * what parsing the ~700 bytes it adds to every request head costs. Not a default.
   */
  MCPKIT_TOKEN_UNCHECKED("mcpkit-token-unchecked", true, true, false),
  /**
   * The same mcpkit server with {@code echo} written as a typed tool ({@code Tool.typed} over a
   * record): what generated schemas, argument validation and Jackson binding cost end to end,
   * beside {@link #MCPKIT} in one run. Not in the full run's default servers.
   */
  MCPKIT_TYPED("mcpkit-typed", true, false, false),
  /**
   * The official MCP Java SDK's servlet Streamable HTTP transport on Jetty's ee11 servlet
   * container.
   */
  SDK("sdk", true, false, false),
  /** A bare Jetty core handler answering canned JSON-RPC: the floor no MCP server can beat. */
  JETTY("jetty", false, false, false);

  private final String label;
  private final boolean keepsSessions;
  private final boolean needsBearerToken;
  private final boolean checksBearerToken;

  ServerKind(
      String label, boolean keepsSessions, boolean needsBearerToken, boolean checksBearerToken) {
    this.label = label;
    this.keepsSessions = keepsSessions;
    this.needsBearerToken = needsBearerToken;
    this.checksBearerToken = checksBearerToken;
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
   * Whether the server refuses a request without the bearer token (so the driver checks that it
   * does before measuring); false for a server that is only sent one.
   */
  public boolean checksBearerToken() {
    return checksBearerToken;
  }

  /**
   * Parses a label.
   *
   * @param label {@code mcpkit}, {@code mcpkit-oauth}, {@code mcpkit-token-unchecked}, {@code sdk}
   *     or {@code jetty}
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
        "unknown server: "
            + label
            + " (expected mcpkit, mcpkit-oauth, mcpkit-token-unchecked, sdk or jetty)");
  }
}
