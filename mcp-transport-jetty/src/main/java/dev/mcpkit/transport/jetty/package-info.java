/**
 * MCP Streamable HTTP on Jetty 12: {@link dev.mcpkit.transport.jetty.McpHttpServer} serves an
 * {@link dev.mcpkit.api.server.McpEngine} at one endpoint.
 */
@NullMarked
package dev.mcpkit.transport.jetty;

import org.jspecify.annotations.NullMarked;
