/**
 * The JSON-RPC 2.0 message model used by MCP: a sealed hierarchy of requests, notifications,
 * results and errors whose payloads are Jackson 3 {@link tools.jackson.databind.JsonNode} trees.
 */
@NullMarked
package dev.mcpkit.api.jsonrpc;

import org.jspecify.annotations.NullMarked;
