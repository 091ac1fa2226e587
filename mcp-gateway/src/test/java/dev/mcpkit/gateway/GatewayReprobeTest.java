package dev.mcpkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import dev.mcpkit.transport.jetty.McpHttpClient;
import dev.mcpkit.transport.jetty.McpHttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The gateway learns an upstream's protocol generation by probing, remembers it, and probes again
 * after a failure: an upstream that served only 2026-07-28 is replaced on the same port by one that
 * serves only the session-based revisions, and the same client session carries on.
 */
class GatewayReprobeTest {
  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable resource : resources.reversed()) {
      resource.close();
    }
  }

  private <T extends AutoCloseable> T closing(T resource) {
    resources.add(resource);
    return resource;
  }

  /** An upstream serving one generation; its echo names the generation. */
  private static AutoCloseable upstream(int port, McpEngines.Generation generation) {
    SessionManager sessions = SessionManagers.builder().build();
    McpServerConfig config =
        McpServerConfig.builder()
            .serverInfo("upstream", "1.0.0")
            .tool(
                Tool.of(
                    "echo",
                    "Names the generation served.",
                    TestUpstream.SCHEMA,
                    (arguments, ctx) -> ToolResult.text(generation.name())))
            .build();
    McpHttpServer server =
        McpHttpServer.builder()
            .engine(McpEngines.builder(config, sessions).generations(generation).build())
            .host("127.0.0.1")
            .port(port)
            .build();
    server.start();
    return () -> {
      server.close();
      sessions.close();
    };
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void probesAgainAfterTheUpstreamFailed() throws Exception {
    int port = freePort();
    AutoCloseable stateless = upstream(port, McpEngines.Generation.STATELESS);
    McpGateway gateway =
        closing(
            McpGateway.builder()
                .upstream(
                    UpstreamConfig.http("up", URI.create("http://127.0.0.1:" + port + "/mcp")))
                .build());
    McpHttpServer front =
        closing(McpHttpServer.builder().engine(gateway.engine()).host("127.0.0.1").port(0).build());
    front.start();
    McpClient client =
        closing(McpHttpClient.builder(front.endpoint()).clientInfo("test", "1.0").build());
    var args = JsonNodeFactory.instance.objectNode();

    assertThat(client.callTool("echo", args).text()).isEqualTo("STATELESS");

    stateless.close();
    assertThatThrownBy(() -> client.callTool("echo", args))
        .isInstanceOf(McpClientException.class)
        .hasMessageContaining("up");

    closing(upstream(port, McpEngines.Generation.SESSIONS));
    // The failure made the gateway forget: the next request probes and lands on a session.
    assertThat(client.callTool("echo", args).text()).isEqualTo("SESSIONS");
  }

  @Test
  void aConfiguredGenerationIsHeldTo() throws Exception {
    int port = freePort();
    closing(upstream(port, McpEngines.Generation.SESSIONS));
    UpstreamConfig config =
        UpstreamConfig.http("up", URI.create("http://127.0.0.1:" + port + "/mcp"))
            .withProtocol(UpstreamConfig.Protocol.STATELESS);
    assertThatThrownBy(() -> McpGateway.builder().upstream(config).build())
        .hasMessageContaining("is configured stateless but does not serve 2026-07-28");
  }
}
