package dev.mcpkit.examples;

import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.ToolInfo;
import dev.mcpkit.auth.client.ClientRegistration;
import dev.mcpkit.auth.client.OAuthAuthorization;
import dev.mcpkit.transport.jetty.McpHttpClient;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code auth/...} scenarios of the conformance suite, played by {@link ConformanceClient}: an
 * {@link OAuthAuthorization} configured from the scenario's {@code MCP_CONFORMANCE_CONTEXT}
 * (pre-registered clients, client credentials, an enterprise IdP's tokens, a workload's JWT), then
 * the session every scenario expects: initialize, list the tools, call {@code test-tool}.
 */
final class ConformanceAuth {
  /** The Client ID Metadata Document URL the suite expects from clients that use one. */
  private static final URI CLIENT_METADATA =
      URI.create("https://conformance-test.local/client-metadata.json");

  private ConformanceAuth() {}

  /**
   * Plays one authorization scenario against the suite's server.
   *
   * @param scenario the scenario's name, {@code auth/...}
   * @param server the URL of the suite's MCP server
   * @param client a client builder for that server, with the client's name and the suite's protocol
   *     revision set
   * @param context the scenario's {@code MCP_CONFORMANCE_CONTEXT} ({@link
   *     ConformanceClient#context()})
   * @throws RuntimeException when a step fails
   */
  static void play(String scenario, URI server, McpHttpClient.Builder client, JsonNode context) {
    OAuthAuthorization.Builder auth =
        OAuthAuthorization.builder(server)
            .clientName("mcpkit-conformance-client")
            .redirectUri(URI.create("http://localhost:3000/callback"))
            .clientMetadataDocument(CLIENT_METADATA);
    switch (scenario) {
      case "auth/client-credentials-basic" ->
          auth.clientCredentials(text(context, "client_id"), text(context, "client_secret"));
      case "auth/client-credentials-jwt" ->
          auth.clientCredentials(
              text(context, "client_id"),
              privateKey(text(context, "private_key_pem")),
              context.path("signing_algorithm").asString("ES256"));
      case "auth/pre-registration" -> {
        if (context.hasNonNull("issuer")) { // suite 0.2: bound to its issuer
          auth.registration(
              new ClientRegistration(
                  text(context, "issuer"),
                  text(context, "client_id"),
                  text(context, "client_secret"),
                  "client_secret_basic"));
        } else {
          auth.clientId(text(context, "client_id"), text(context, "client_secret"));
        }
      }
      case "auth/enterprise-managed-authorization", "auth/cross-app-access-complete-flow" -> {
        String idToken = text(context, "idp_id_token");
        auth.enterpriseManaged(
            text(context, "client_id"),
            text(context, "client_secret"),
            URI.create(text(context, "idp_token_endpoint")),
            text(context, "idp_client_id"),
            () -> idToken);
      }
      case "auth/wif-jwt-bearer" -> {
        String jwt = text(context, "valid_jwt");
        auth.jwtBearer(text(context, "client_id"), () -> jwt);
      }
      default -> {
        // the authorization code grant, the client identified as the server allows
      }
    }
    McpClient mcp = client.authorization(auth.build()).build();
    try {
      mcp.initialize();
      boolean hasTestTool = false;
      for (ToolInfo tool : mcp.listTools()) {
        hasTestTool |= tool.name().equals("test-tool");
      }
      if (hasTestTool) {
        mcp.callTool("test-tool", JsonMapper.builder().build().createObjectNode());
      }
    } finally {
      mcp.close();
    }
  }

  private static String text(JsonNode context, String field) {
    JsonNode value = context.get(field);
    if (value == null || !value.isString()) {
      throw new IllegalStateException("MCP_CONFORMANCE_CONTEXT lacks " + field);
    }
    return value.stringValue();
  }

  /** A PKCS#8 PEM private key (EC, else RSA). */
  private static PrivateKey privateKey(String pem) {
    byte[] der =
        Base64.getMimeDecoder()
            .decode(pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").strip());
    try {
      return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      try {
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException again) {
        throw new IllegalStateException("cannot read the private key", again);
      }
    }
  }
}
