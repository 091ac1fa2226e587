/**
 * The mcpkit API: what users program against.
 *
 * <p>Sessions and their lifecycle ({@link dev.mcpkit.api.Session}, {@link
 * dev.mcpkit.api.SessionState}), the session manager contract, the bounded executor contract, the
 * JSON-RPC 2.0 message model ({@code dev.mcpkit.api.jsonrpc}), the client contract ({@code
 * dev.mcpkit.api.client}) and the service-provider interfaces ({@code dev.mcpkit.api.spi}) for
 * session stores and listeners, and the server-side contracts ({@code dev.mcpkit.api.server}):
 * tools, their handlers and the engine a transport calls into. This module holds no implementation;
 * {@code dev.mcpkit.session} provides one.
 */
module dev.mcpkit.api {
  requires transitive tools.jackson.databind;
  requires static transitive org.jspecify;

  exports dev.mcpkit.api;
  exports dev.mcpkit.api.client;
  exports dev.mcpkit.api.jsonrpc;
  exports dev.mcpkit.api.server;
  exports dev.mcpkit.api.spi;
}
