/**
 * The MCP protocol engine: method dispatch, tool calls with progress, logging and cancellation; the
 * JSON-RPC codec it hands the transport comes from {@code mcp-codec}. Not exported; {@link
 * dev.mcpkit.session.McpEngines} is the way in.
 */
@NullMarked
package dev.mcpkit.session.internal.protocol;

import org.jspecify.annotations.NullMarked;
