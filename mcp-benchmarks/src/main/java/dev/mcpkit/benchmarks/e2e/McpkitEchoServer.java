package dev.mcpkit.benchmarks.e2e;

import dev.mcpkit.api.ClientLimits;
import dev.mcpkit.api.InvocationType;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.SessionPolicy;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.auth.server.ResourceServer;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import dev.mcpkit.transport.jetty.McpHttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import tools.jackson.databind.json.JsonMapper;

/**
 * mcpkit as a user would run it (the HelloServer configuration: {@link McpHttpServer} with an
 * engine from {@link McpEngines}, in-memory sessions, HTTP/1.1 and h2c on one port), serving {@link
 * EchoTool}, declared non-blocking (it only copies its argument) as a user of mcpkit would declare
 * it, so its calls are served on the I/O thread that read them. Two settings differ from the
 * defaults, both so the heap measurement can hold 100k idle sessions: at most 200,000 sessions
 * (default 10,000) and a one-hour idle timeout (default 30 minutes).
 *
 * <p>{@link #startProtected} serves the same behind mcp-auth's {@link ResourceServer} (installed as
 * its README shows), for an authorization server given by its issuer: every request needs a bearer
 * token for this server's resource URI with the scope {@value LoopbackAuthorizationServer#SCOPE}.
 */
final class McpkitEchoServer implements RunningServer {
  private final SessionManager sessions;
  private final McpHttpServer server;

  private McpkitEchoServer(SessionManager sessions, McpHttpServer server) {
    this.sessions = sessions;
    this.server = server;
  }

  /** The unprotected server, on an ephemeral port. */
  static McpkitEchoServer start() {
    return start(McpHttpServer.builder().port(0), rawEcho());
  }

  /**
   * The arguments of the typed echo.
   *
   * @param message the message to echo
   */
  record Echo(String message) {}

  /**
   * The unprotected server with {@code echo} as a typed tool: schema generated from {@link Echo},
   * arguments bound to it; the same answer on the wire as the raw tool.
   */
  static McpkitEchoServer startTyped() {
    Tool echo =
        Tool.typed(
                EchoTool.NAME,
                EchoTool.DESCRIPTION,
                Echo.class,
                (arguments, ctx) -> ToolResult.text(arguments.message()))
            .withInvocationType(InvocationType.NON_BLOCKING);
    return start(McpHttpServer.builder().port(0), echo);
  }

  /**
   * The unprotected server with {@code echo} written plainly: the raw tool without {@code
   * withInvocationType}, so it is blocking (the default) and each call runs on a virtual thread.
   */
  static McpkitEchoServer startPlain() {
    return start(McpHttpServer.builder().port(0), plainEcho());
  }

  private static Tool rawEcho() {
    return plainEcho().withInvocationType(InvocationType.NON_BLOCKING);
  }

  private static Tool plainEcho() {
    return Tool.of(
        EchoTool.NAME,
        EchoTool.DESCRIPTION,
        JsonMapper.builder().build().readTree(EchoTool.INPUT_SCHEMA),
        (arguments, ctx) -> ToolResult.text(arguments.path("message").asString("")));
  }

  /**
   * The server protected by a {@link ResourceServer} of {@code issuer}, whose canonical resource
   * URI is its endpoint, {@code http://127.0.0.1:PORT/mcp}; the port is chosen before the server is
   * built (the resource URI includes it), as mcp-auth's own tests do.
   */
  static McpkitEchoServer startProtected(URI issuer) {
    int port = freePort();
    ResourceServer auth =
        ResourceServer.builder()
            .resource(URI.create("http://127.0.0.1:" + port + "/mcp"))
            .authorizationServer(issuer)
            .requiredScopes(LoopbackAuthorizationServer.SCOPE)
            .build();
    return start(auth.install(McpHttpServer.builder().port(port)), rawEcho());
  }

  private static McpkitEchoServer start(McpHttpServer.Builder builder, Tool echo) {
    SessionManager sessions = sessions();
    McpHttpServer server =
        builder
            .host("127.0.0.1")
            .h2c(true)
            .selectors(PeerConnectors.selectors())
            .engine(McpEngines.create(echoConfig(echo), sessions))
            .build();
    server.start();
    return new McpkitEchoServer(sessions, server);
  }

  /** The echo server's configuration: {@link EchoTool}, non-blocking. */
  static McpServerConfig echoConfig() {
    return echoConfig(rawEcho());
  }

  private static McpServerConfig echoConfig(Tool echo) {
    return McpServerConfig.builder().serverInfo("mcpkit-echo", "1.0").tool(echo).build();
  }

  /** The sessions of every mcpkit server of the comparison (see the class comment). */
  static SessionManager sessions() {
    return SessionManagers.builder().policy(policy()).build();
  }

  /** The session policy of every mcpkit server of the comparison, the gateway included. */
  static SessionPolicy policy() {
    return SessionPolicy.builder()
        .maxSessions(200_000)
        .idleTimeout(Duration.ofHours(1))
        // The load generator is one address standing for many users (as a reverse proxy would
        // be): per-client admission would refuse the churn and the heap step, which measure the
        // engine, not the limits.
        .clientLimits(ClientLimits.unlimited())
        .build();
  }

  /** A loopback port that was free a moment ago. */
  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
    sessions.close();
  }
}
