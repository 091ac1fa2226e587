/**
 * The server side of MCP as a Java user sees it: tools and their handlers ({@link
 * dev.mcpkit.api.server.Tool}, {@link dev.mcpkit.api.server.ToolHandler}, {@link
 * dev.mcpkit.api.server.ToolContext}, {@link dev.mcpkit.api.server.ToolResult}), resources and
 * resource templates ({@link dev.mcpkit.api.server.Resource}, {@link
 * dev.mcpkit.api.server.ResourceTemplate}), prompts ({@link dev.mcpkit.api.server.Prompt}),
 * completion ({@link dev.mcpkit.api.server.CompletionHandler}), notifications the server publishes
 * ({@link dev.mcpkit.api.server.ServerNotifications}), the server definition ({@link
 * dev.mcpkit.api.server.McpServerConfig}) and the handle of a built server ({@link
 * dev.mcpkit.api.server.McpEngine}). What a transport needs from an engine is not here but in
 * {@code dev.mcpkit.api.spi.transport}.
 *
 * <p>This package holds contracts only; {@code dev.mcpkit.session.McpEngines} creates an engine and
 * {@code dev.mcpkit.transport.jetty.McpHttpServer} serves one over HTTP.
 */
@NullMarked
package dev.mcpkit.api.server;

import org.jspecify.annotations.NullMarked;
