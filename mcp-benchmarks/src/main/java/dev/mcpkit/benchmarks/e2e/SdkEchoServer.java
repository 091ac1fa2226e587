package dev.mcpkit.benchmarks.e2e;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * The official MCP Java SDK (2.2.0) serving {@link EchoTool} through its servlet Streamable HTTP
 * transport ({@code HttpServletStreamableServerTransportProvider}, async-supported, mapped at
 * {@code /mcp}) on Jetty's ee11 {@code ServletContextHandler}, same Jetty version and connector
 * settings as mcpkit. A synchronous server ({@code McpServer.sync}) with the SDK's defaults,
 * including its default input validation of tool arguments against the schema; no keep-alive pings.
 */
final class SdkEchoServer {
  private SdkEchoServer() {}

  static RunningServer start() throws Exception {
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
    return ServletPeer.start("sdk", transport, mcp::close);
  }
}
