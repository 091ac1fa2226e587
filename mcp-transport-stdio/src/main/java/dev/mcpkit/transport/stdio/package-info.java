/**
 * The stdio transport of MCP: {@link dev.mcpkit.transport.stdio.McpStdioServer} serves an engine on
 * standard input and output, {@link dev.mcpkit.transport.stdio.McpStdioClient} talks to a server it
 * starts as a child process.
 */
@NullMarked
package dev.mcpkit.transport.stdio;

import org.jspecify.annotations.NullMarked;
