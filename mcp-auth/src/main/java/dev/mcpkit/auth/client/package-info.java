/**
 * The client side of MCP authorization: {@link dev.mcpkit.auth.client.OAuthAuthorization}, an OAuth
 * 2.1 client that plugs into {@link dev.mcpkit.transport.jetty.McpHttpClient} through {@link
 * dev.mcpkit.transport.jetty.ClientAuthorization}, with its SPIs: the user agent of the
 * authorization step ({@link dev.mcpkit.auth.client.AuthorizationBrowser}) and the store of tokens
 * and registrations ({@link dev.mcpkit.auth.client.TokenStore}).
 */
@NullMarked
package dev.mcpkit.auth.client;

import org.jspecify.annotations.NullMarked;
