/**
 * MCP authorization (OAuth 2.1, the specification's "Authorization" page): the server side as an
 * OAuth resource server and the client side through the whole authorization flow. A module of its
 * own, so that servers and clients without OAuth do not carry its dependencies (Nimbus JOSE+JWT for
 * JWT, JWS and JWK; the Nimbus OAuth 2.0 SDK for the protocol objects). It plugs into the seams of
 * {@code dev.mcpkit.transport.jetty}.
 */
module dev.mcpkit.auth {
  requires transitive dev.mcpkit.api;
  requires transitive dev.mcpkit.transport.jetty;
  requires com.nimbusds.jose.jwt;
  requires oauth2.oidc.sdk;
  requires tools.jackson.databind;
  requires org.slf4j;
  // The loopback redirect listener of AuthorizationBrowser.system() and printing().
  requires jdk.httpserver;
  requires static org.jspecify;

  exports dev.mcpkit.auth;
  // The server half: the MCP server as an OAuth resource server.
  exports dev.mcpkit.auth.server;
  // The OAuth client: OAuthAuthorization and its SPIs (user agent, token store).
  exports dev.mcpkit.auth.client;
}
