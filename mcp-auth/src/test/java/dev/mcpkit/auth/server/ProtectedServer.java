package dev.mcpkit.auth.server;

import dev.mcpkit.api.InvocationType;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.auth.TokenPrincipal;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import dev.mcpkit.transport.jetty.McpHttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.security.Principal;
import java.util.function.Consumer;

/**
 * A real MCP server on loopback (engine, session manager, Jetty) protected by a {@link
 * ResourceServer}, with a tool, {@code whoami}, that answers the session's principal and its
 * scopes, and one that needs the scope {@code mcp:admin}, {@code admin-only}. The port is chosen
 * before the server is built, since the canonical resource URI that tokens must name includes it.
 */
final class ProtectedServer implements AutoCloseable {
  final SessionManager sessions = SessionManagers.builder().build();
  final URI endpoint;
  final ResourceServer auth;
  final McpHttpServer server;

  ProtectedServer(URI issuer, Consumer<ResourceServer.Builder> customizer) {
    int port = freePort();
    this.endpoint = URI.create("http://127.0.0.1:" + port + "/mcp");
    ResourceServer.Builder builder =
        ResourceServer.builder().resource(endpoint).authorizationServer(issuer);
    customizer.accept(builder);
    this.auth = builder.build();
    McpServerConfig config =
        McpServerConfig.builder()
            .serverInfo("protected", "1.0")
            .tool(
                Tool.of(
                    "whoami",
                    "Says who called.",
                    MockAuthorizationServer.JSON.readTree("{\"type\":\"object\"}"),
                    (arguments, ctx) -> ToolResult.text(describe(ctx.session()))))
            .tool(
                Tool.of(
                        "thread",
                        "Tells the kind of thread a non-blocking tool runs on.",
                        MockAuthorizationServer.JSON.readTree("{\"type\":\"object\"}"),
                        (arguments, ctx) ->
                            ToolResult.text(
                                Thread.currentThread().isVirtual() ? "virtual" : "platform"))
                    .withInvocationType(InvocationType.NON_BLOCKING))
            .tool(
                Tool.of(
                        "admin-only",
                        "Needs mcp:admin beside the server's scopes.",
                        MockAuthorizationServer.JSON.readTree("{\"type\":\"object\"}"),
                        (arguments, ctx) -> ToolResult.text("admin"))
                    .withRequiredScopes("mcp:admin"))
            .build();
    this.server =
        auth.install(McpHttpServer.builder().port(port).engine(McpEngines.create(config, sessions)))
            .build();
    server.start();
  }

  private static String describe(Session session) {
    Principal principal = session == null ? null : session.principal().orElse(null);
    if (principal instanceof TokenPrincipal token) {
      return token.getName() + " " + token.clientId() + " " + String.join(",", token.scopes());
    }
    return String.valueOf(principal);
  }

  /** A port free a moment ago: the resource URI must be known before the server binds. */
  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
