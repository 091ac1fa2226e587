/**
 * The MCP protocol engine: JSON-RPC codec, method dispatch, tool calls with progress, logging and
 * cancellation. Not exported; {@link dev.mcpkit.session.McpEngines} is the way in.
 */
@NullMarked
package dev.mcpkit.session.internal.protocol;

import org.jspecify.annotations.NullMarked;
