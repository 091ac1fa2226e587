/**
 * The Jetty 12 core handler of the MCP endpoint and its helpers. Not exported; {@link
 * dev.mcpkit.transport.jetty.McpHttpServer} is the way in.
 */
@NullMarked
package dev.mcpkit.transport.jetty.internal;

import org.jspecify.annotations.NullMarked;
