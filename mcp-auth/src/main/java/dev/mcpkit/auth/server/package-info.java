/**
 * The MCP server as an OAuth 2.1 resource server (the specification's "Authorization" page): {@link
 * dev.mcpkit.auth.server.ResourceServer} validates bearer access tokens (JWTs against the
 * authorization server's keys, opaque tokens by introspection), requires server-wide scopes, and
 * serves the Protected Resource Metadata (RFC 9728) that tells clients where to get a token.
 */
@NullMarked
package dev.mcpkit.auth.server;

import org.jspecify.annotations.NullMarked;
