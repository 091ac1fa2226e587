/**
 * The client side of MCP: {@link dev.mcpkit.api.client.McpClient} talks to one MCP server over one
 * session, with typed calls for tools, resources and prompts, progress listeners and handlers for
 * the requests a server sends to its client (sampling, elicitation, roots). {@code
 * dev.mcpkit.transport.jetty} provides an implementation over Streamable HTTP.
 */
@NullMarked
package dev.mcpkit.api.client;

import org.jspecify.annotations.NullMarked;
