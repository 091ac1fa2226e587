/** The MCP client over Jetty's {@code HttpClient}: SSE parsing, the session and the calls. */
@NullMarked
package dev.mcpkit.transport.jetty.internal.client;

import org.jspecify.annotations.NullMarked;
