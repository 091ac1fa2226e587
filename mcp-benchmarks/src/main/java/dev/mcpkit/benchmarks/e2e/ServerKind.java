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
   * The same mcpkit server with {@code echo} written plainly, as most tools are: not declared
   * non-blocking, so each call runs on a virtual thread. What the default tool path costs beside
   * {@link #MCPKIT} (issue 20). Not in the full run's default servers.
   */
  MCPKIT_PLAIN("mcpkit-plain", true, false, false),
  /**
   * The {@link #MCPKIT} server of another build: its JVM runs from the class path in the
   * environment variable {@value #BASELINE_CLASS_PATH} (for example the {@code benchmarks.jar} of
   * the commit before a change), so a change and its baseline are measured side by side in one run.
   * Not a default.
   */
  MCPKIT_BASELINE("mcpkit-baseline", true, false, false),
  /**
   * The official MCP Java SDK's servlet Streamable HTTP transport on Jetty's ee11 servlet
   * container.
   */
  SDK("sdk", true, false, false),
  /**
   * The official MCP Java SDK 2.2.0's {@code modern} server (its 2026-07-28 revision: no sessions,
   * headers {@code Mcp-Method} and {@code Mcp-Name} and {@code _meta} on every request), through
   * its servlet transport on the same Jetty ee11 container as {@link #SDK}, {@code echo} a blocking
   * handler ({@link SdkModernEchoServer}). It serves 2026-07-28 only, which the Java driver does
   * not send, so it runs under {@code scripts/wrk.sh} (issue 20); {@link E2eConfig} refuses it. Not
   * a default.
   */
  SDK_MODERN("sdk-modern", false, false, false),
  /** A bare Jetty core handler answering canned JSON-RPC: the floor no MCP server can beat. */
  JETTY("jetty", false, false, false),
  /**
   * The JSON floor (issue 20): the bare floor plus Jackson parsing each body into a tree and
   * writing the answer tree, on the I/O thread ({@link JsonFloorHandler}); sessionless, for {@code
   * scripts/wrk.sh}. Not a default.
   */
  JETTY_JSON("jetty-json", false, false, false),
  /**
   * The JSON floor as a blocking handler that Jetty runs on a virtual thread per request (Jetty's
   * own virtual-thread support): the floor of a plain tool's call. For {@code scripts/wrk.sh}. Not
   * a default.
   */
  JETTY_JSON_VT("jetty-json-vt", false, false, false),
  /**
   * mcpkit's gateway ({@code McpGateway} on {@code McpHttpServer}) in front of the {@link #MCPKIT}
   * server in a JVM of its own, over HTTP: what a proxied call costs compared with the direct one.
   */
  MCPKIT_GATEWAY("mcpkit-gateway", true, false, false, Upstream.MCPKIT_HTTP, Front.MCPKIT),
  /**
   * The {@link #MCPKIT_GATEWAY} of another build (gateway and upstream), from the class path in
   * {@value #BASELINE_CLASS_PATH}: a change to the relay and its baseline side by side in one run.
   * Not a default.
   */
  MCPKIT_GATEWAY_BASELINE(
      "mcpkit-gateway-baseline", true, false, false, Upstream.MCPKIT_HTTP, Front.MCPKIT),
  /**
   * The floor of a proxy: a bare Jetty handler relaying each request to the {@link #MCPKIT} server
   * in a JVM of its own with Jetty's {@code HttpClient}, asynchronously, no MCP logic ({@link
   * JettyRelayHandler}). What part of a proxied call's CPU Jetty itself costs, beside {@link
   * #MCPKIT_GATEWAY} in one run. Not a default.
   */
  JETTY_RELAY("jetty-relay", false, false, false, Upstream.MCPKIT_HTTP, Front.JETTY_RELAY),
  /**
   * {@link #MCPKIT_GATEWAY} recording a tape of every client session (issue 17), into the folder
   * {@code mcpkit-gateway-tapes} of the server's working directory: what recording costs beside the
   * same gateway in one run. Its stderr reports the recorder's counters at the end (lines, bytes,
   * dropped, truncated); a run whose tapes hit {@code -Dmcpkit.bench.tapes.maxTotalBytes} (1 GiB by
   * default) stops recording there and understates the cost. Not a default.
   */
  MCPKIT_GATEWAY_TAPES(
      "mcpkit-gateway-tapes", true, false, false, Upstream.MCPKIT_HTTP, Front.MCPKIT),
  /**
   * The {@link #MCPKIT_GATEWAY_TAPES} server of another build, as {@link #MCPKIT_BASELINE} is the
   * {@link #MCPKIT} server of another: its JVM runs from the class path in {@value
   * #BASELINE_CLASS_PATH}, so a change to recording and its baseline are measured in one run. Not a
   * default.
   */
  MCPKIT_GATEWAY_TAPES_BASELINE(
      "mcpkit-gateway-tapes-baseline", true, false, false, Upstream.MCPKIT_HTTP, Front.MCPKIT),
  /**
   * mcpkit's gateway with the mcpkit echo server as a stdio upstream ({@link StdioEchoServer}).
   * Needs stdio upstreams in the gateway: until they land, the server refuses to start and says so.
   */
  MCPKIT_GATEWAY_STDIO(
      "mcpkit-gateway-stdio", false, false, false, Upstream.MCPKIT_STDIO, Front.MCPKIT),
  /**
   * The same with the npm {@code @modelcontextprotocol/server-everything} as the stdio upstream.
   */
  MCPKIT_GATEWAY_EVERYTHING(
      "mcpkit-gateway-everything", false, false, false, Upstream.EVERYTHING_STDIO, Front.MCPKIT),
  /**
   * npm {@code supergateway} exposing the mcpkit stdio echo server over Streamable HTTP ({@code
   * --stateful}: one child process per session, which is its design).
   */
  SUPERGATEWAY("supergateway", false, false, false, Upstream.MCPKIT_STDIO, Front.SUPERGATEWAY),
  /** npm {@code mcp-proxy} (the TypeScript one) exposing the mcpkit stdio echo server. */
  MCP_PROXY("mcp-proxy", false, false, false, Upstream.MCPKIT_STDIO, Front.MCP_PROXY),
  /** npm {@code supergateway} exposing the npm {@code server-everything} over stdio. */
  SUPERGATEWAY_EVERYTHING(
      "supergateway-everything",
      false,
      false,
      false,
      Upstream.EVERYTHING_STDIO,
      Front.SUPERGATEWAY),
  /** npm {@code mcp-proxy} exposing the npm {@code server-everything} over stdio. */
  MCP_PROXY_EVERYTHING(
      "mcp-proxy-everything", false, false, false, Upstream.EVERYTHING_STDIO, Front.MCP_PROXY);

  /** What serves the calls behind a proxying kind. */
  enum Upstream {
    /** Nothing: the kind answers itself. */
    NONE,
    /** The {@link #MCPKIT} echo server, in a JVM of its own, over Streamable HTTP. */
    MCPKIT_HTTP,
    /** The mcpkit echo server on the stdio transport ({@link StdioEchoServer}), a child process. */
    MCPKIT_STDIO,
    /** The npm {@code @modelcontextprotocol/server-everything} on stdio, a child process. */
    EVERYTHING_STDIO
  }

  /** What answers HTTP in a proxying kind. */
  enum Front {
    /** Not a proxy. */
    NONE,
    /** mcpkit's gateway. */
    MCPKIT,
    /** A bare Jetty handler with Jetty's {@code HttpClient}: no MCP logic. */
    JETTY_RELAY,
    /** npm {@code supergateway} 4.0.0. */
    SUPERGATEWAY,
    /** npm {@code mcp-proxy} 6.7.19. */
    MCP_PROXY
  }

  /** The environment variable naming the class path of {@link #MCPKIT_BASELINE}. */
  public static final String BASELINE_CLASS_PATH = "MCPKIT_BASELINE_CLASS_PATH";

  private final String label;
  private final boolean keepsSessions;
  private final boolean needsBearerToken;
  private final boolean checksBearerToken;
  private final Upstream upstream;
  private final Front front;

  ServerKind(
      String label, boolean keepsSessions, boolean needsBearerToken, boolean checksBearerToken) {
    this(label, keepsSessions, needsBearerToken, checksBearerToken, Upstream.NONE, Front.NONE);
  }

  ServerKind(
      String label,
      boolean keepsSessions,
      boolean needsBearerToken,
      boolean checksBearerToken,
      Upstream upstream,
      Front front) {
    this.label = label;
    this.keepsSessions = keepsSessions;
    this.needsBearerToken = needsBearerToken;
    this.checksBearerToken = checksBearerToken;
    this.upstream = upstream;
    this.front = front;
  }

  /** What serves the calls behind this kind, {@link Upstream#NONE} if it answers itself. */
  Upstream upstream() {
    return upstream;
  }

  /** What answers HTTP, {@link Front#NONE} for a kind that is not a proxy. */
  Front front() {
    return front;
  }

  /**
   * Whether the kind is a proxy with its upstream in another process, whose CPU is measured apart
   * (the {@code upstream-cpu} command of {@link ServerMain}).
   */
  public boolean proxied() {
    return upstream != Upstream.NONE;
  }

  /**
   * Whether the kind speaks h2c; the npm proxies speak HTTP/1.1 only (run them with {@code
   * --protocols http1}).
   */
  public boolean speaksH2c() {
    return front != Front.SUPERGATEWAY && front != Front.MCP_PROXY;
  }

  /**
   * Whether session churn is measured: not where each session starts a process (supergateway's
   * stateful mode, a gateway's stdio upstream), which would measure process start-up.
   */
  public boolean churns() {
    return front != Front.SUPERGATEWAY
        && !(front == Front.MCPKIT && upstream != Upstream.MCPKIT_HTTP);
  }

  /** The text a correct {@code echo} answer carries: server-everything prefixes it. */
  String echoText() {
    return upstream == Upstream.EVERYTHING_STDIO ? "Echo: " + EchoTool.MESSAGE : EchoTool.MESSAGE;
  }

  /**
   * Whether the kind serves only the sessionless 2026-07-28 revision (no {@code initialize}, no
   * {@code Mcp-Session-Id}), which the Java driver does not speak.
   */
  public boolean sessionlessOnly() {
    return this == SDK_MODERN;
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
   * @param label one of the kinds' labels
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
            + " (expected one of "
            + java.util.Arrays.stream(values()).map(ServerKind::label).toList()
            + ")");
  }
}
