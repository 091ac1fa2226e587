/**
 * The codec shared by the engine and the client: {@link dev.mcpkit.codec.JsonRpcCodecs} (the
 * JSON-RPC codec, its mapper and node factory, and the lenient reading of what a server sends) and
 * {@link dev.mcpkit.codec.McpParamHeaders} (which tool arguments revision 2026-07-28 mirrors into
 * {@code Mcp-Param-*} headers). Exported only to mcpkit's own modules.
 */
@NullMarked
package dev.mcpkit.codec;

import org.jspecify.annotations.NullMarked;
