package dev.mcpkit.benchmarks.e2e;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The official MCP Java SDK (2.2.0) serving {@link EchoTool} through its servlet Streamable HTTP
 * transport ({@code HttpServletStreamableServerTransportProvider}, async-supported, mapped at
 * {@code /mcp}) on Jetty's ee11 {@code ServletContextHandler}, same Jetty version and connector
 * settings as mcpkit. A synchronous server ({@code McpServer.sync}) with the SDK's defaults,
 * including its default input validation of tool arguments against the schema; no keep-alive pings.
 */
final class SdkEchoServer implements RunningServer {
  private final Server server;
  private final ServerConnector connector;
  private final McpSyncServer mcp;

  private SdkEchoServer(Server server, ServerConnector connector, McpSyncServer mcp) {
    this.server = server;
    this.connector = connector;
    this.mcp = mcp;
  }

  static SdkEchoServer start() throws Exception {
    McpJsonMapper json = McpJsonDefaults.getMapper();
    HttpServletStreamableServerTransportProvider transport =
        HttpServletStreamableServerTransportProvider.builder()
            .jsonMapper(json)
            .mcpEndpoint("/mcp")
            .build();
    McpSchema.Tool tool =
        McpSchema.Tool.builder()
            .name(EchoTool.NAME)
            .description(EchoTool.DESCRIPTION)
            .inputSchema(json, EchoTool.INPUT_SCHEMA)
            .build();
    McpSyncServer mcp =
        McpServer.sync(transport)
            .serverInfo("sdk-echo", "1.0")
            .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
            .toolCall(
                tool,
                (exchange, request) ->
                    McpSchema.CallToolResult.builder()
                        .addTextContent(
                            String.valueOf(request.arguments().getOrDefault("message", "")))
                        .isError(false)
                        .build())
            .build();
    Server server = new Server();
    ServerConnector connector = PeerConnectors.loopback(server);
    ServletContextHandler context = new ServletContextHandler("/");
    ServletHolder holder = new ServletHolder("mcp", transport);
    holder.setAsyncSupported(true);
    context.addServlet(holder, "/mcp");
    server.setHandler(context);
    server.start();
    return new SdkEchoServer(server, connector, mcp);
  }

  @Override
  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() {
    try {
      mcp.close();
      server.stop();
    } catch (Exception e) {
      // Stopping at the end of a benchmark: nothing to recover.
      System.err.println("sdk server stop: " + e);
    }
  }
}
