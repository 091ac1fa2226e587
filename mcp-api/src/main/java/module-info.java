/**
 * The mcpkit API: what users program against, and apart from it what implementations plug into.
 *
 * <p>For users (server and client authors):
 *
 * <ul>
 *   <li>{@code dev.mcpkit.api}: sessions and their lifecycle ({@link dev.mcpkit.api.Session},
 *       {@link dev.mcpkit.api.SessionState}, {@link dev.mcpkit.api.SessionManager}, {@link
 *       dev.mcpkit.api.SessionPolicy}), protocol versions and header names, the bounded executor
 *       contract, the exception root {@link dev.mcpkit.api.McpException}, and {@link
 *       dev.mcpkit.api.InvocationType}, the one vocabulary for "may this block".
 *   <li>{@code dev.mcpkit.api.server}: tools, resources, prompts, their handlers and contexts, the
 *       server definition and the engine handle.
 *   <li>{@code dev.mcpkit.api.client}: the MCP client contract.
 *   <li>{@code dev.mcpkit.api.jsonrpc}: the JSON-RPC 2.0 message model.
 * </ul>
 *
 * <p>For implementers (service-provider interfaces):
 *
 * <ul>
 *   <li>{@code dev.mcpkit.api.spi}: session and event stores, session listeners, and the observers
 *       of MCP servers and clients.
 *   <li>{@code dev.mcpkit.api.spi.transport}: what a transport drives (the engine's transport view,
 *       the codec, incoming messages, outcomes) and the HTTP observers.
 * </ul>
 *
 * <p>Jackson's {@code JsonNode} appears in the API on purpose ({@code requires transitive
 * tools.jackson.databind}): params, results, schemas and capabilities are open-ended JSON that MCP
 * extends every revision, and a tree type lets handlers read and build them without a second model
 * of our own and without copying at the boundary. Jackson 3 is the JSON library of the engine and
 * the transport anyway; only this module's signatures expose it.
 *
 * <p>This module holds no implementation; {@code dev.mcpkit.session} provides one.
 */
module dev.mcpkit.api {
  requires transitive tools.jackson.databind;
  requires static transitive org.jspecify;

  exports dev.mcpkit.api;
  exports dev.mcpkit.api.client;
  exports dev.mcpkit.api.jsonrpc;
  exports dev.mcpkit.api.server;
  exports dev.mcpkit.api.spi;
  exports dev.mcpkit.api.spi.transport;

  // Typed tools, resources and prompts, provided by dev.mcpkit.tools when it is present.
  uses dev.mcpkit.api.spi.TypedDefinitions;
}
