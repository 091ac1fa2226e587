package dev.mcpkit.benchmarks.e2e;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.server.McpRequestContext;
import io.modelcontextprotocol.modern.server.McpServer;
import io.modelcontextprotocol.modern.server.McpSyncResponse;
import io.modelcontextprotocol.modern.server.feature.McpSyncTool;
import io.modelcontextprotocol.modern.server.feature.McpSyncToolRepository;
import io.modelcontextprotocol.modern.server.feature.ToolsFeature;
import io.modelcontextprotocol.modern.server.feature.ToolsPage;
import io.modelcontextprotocol.modern.server.transport.HttpServletMcpTransport;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The official MCP Java SDK (2.2.0) serving {@link EchoTool} with its {@code modern} server, the
 * sessionless 2026-07-28 revision: {@code io.modelcontextprotocol.modern.server.McpServer} with one
 * {@code ToolsFeature.ofSync} over a one-tool repository, behind its servlet transport ({@code
 * HttpServletMcpTransport}, async-supported, mapped at {@code /mcp}) on Jetty's ee11 {@code
 * ServletContextHandler}, same Jetty version and connector settings as mcpkit and the {@link
 * SdkEchoServer}. The tool is a synchronous (blocking) handler, run as the SDK runs those; SDK
 * defaults otherwise, including whatever validation of tool arguments {@code ToolsFeature.ofSync}
 * does by default. It answers 2026-07-28 requests only (headers {@code MCP-Protocol-Version},
 * {@code Mcp-Method}, {@code Mcp-Name} and the {@code _meta} of every request); it has no sessions.
 */
final class SdkModernEchoServer {
  private SdkModernEchoServer() {}

  static RunningServer start() throws Exception {
    McpJsonMapper json = McpJsonDefaults.getMapper();
    McpSchema.Tool definition =
        McpSchema.Tool.builder(EchoTool.NAME, json, EchoTool.INPUT_SCHEMA)
            .description(EchoTool.DESCRIPTION)
            .build();
    McpSyncTool echo = McpSyncTool.of(definition, SdkModernEchoServer::echo);
    McpServer mcp =
        McpServer.builder()
            .serverInfo(McpSchema.Implementation.builder("sdk-modern-echo", "1.0").build())
            .jsonMapper(json)
            .feature(ToolsFeature.ofSync(new OneTool(echo)))
            .build();
    HttpServletMcpTransport transport =
        HttpServletMcpTransport.builder(mcp).jsonMapper(json).endpoint("/mcp").build();
    return ServletPeer.start("sdk-modern", transport, transport::closeGracefully);
  }

  private static McpSyncResponse<McpSchema.CallToolOutcome> echo(
      McpRequestContext context, McpSchema.CallToolRequest request) {
    Object message = request.arguments() == null ? "" : request.arguments().get("message");
    return McpSyncResponse.result(
        McpSchema.CallToolResult.builder()
            .addContent(McpSchema.TextContent.builder(String.valueOf(message)).build())
            .isError(false)
            .build());
  }

  /** The repository of the one tool: lists it and finds it by name. */
  private record OneTool(McpSyncTool tool) implements McpSyncToolRepository {
    @Override
    public ToolsPage list(McpRequestContext context, @Nullable String cursor) {
      return ToolsPage.of(List.of(tool.definition()));
    }

    @Override
    public @Nullable McpSyncTool find(McpRequestContext context, String name) {
      return tool.definition().name().equals(name) ? tool : null;
    }
  }
}
