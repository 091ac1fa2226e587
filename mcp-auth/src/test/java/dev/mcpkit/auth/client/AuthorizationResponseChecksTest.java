package dev.mcpkit.auth.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.transport.jetty.ClientAuthorization.Refusal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The issuer checks: metadata whose {@code issuer} is not the one it was fetched for (RFC 8414
 * section 3.3) and authorization responses whose {@code iss} is missing or wrong (RFC 9207, a plain
 * string comparison). A refused response never reaches the token endpoint.
 */
class AuthorizationResponseChecksTest {
  private final FakeAuthorizationServer as;

  AuthorizationResponseChecksTest() throws Exception {
    as = new FakeAuthorizationServer();
  }

  @AfterEach
  void stop() {
    as.close();
  }

  private boolean authorize() {
    return OAuthAuthorization.builder(as.mcp())
        .build()
        .refused(
            new Refusal(401, "POST", as.mcp(), Map.of("www-authenticate", List.of("Bearer")), 1));
  }

  @Test
  void theMatchingIssIsAccepted() {
    assertThat(authorize()).isTrue();
    assertThat(as.tokenRequests).hasSize(1);
  }

  @Test
  void aWrongIssIsRefused() {
    as.issInRedirect = "https://evil.example.com";
    assertThatThrownBy(this::authorize)
        .isInstanceOf(McpClientException.class)
        .hasMessageContaining("RFC 9207");
    assertThat(as.tokenRequests).isEmpty();
  }

  @Test
  void anIssDifferingOnlyByATrailingSlashIsRefused() {
    as.issInRedirect = as.origin + "/";
    assertThatThrownBy(this::authorize).isInstanceOf(McpClientException.class);
    assertThat(as.tokenRequests).isEmpty();
  }

  @Test
  void aMissingIssIsRefusedWhenAdvertised() {
    as.issInRedirect = null;
    assertThatThrownBy(this::authorize)
        .isInstanceOf(McpClientException.class)
        .hasMessageContaining("lacks the iss");
    assertThat(as.tokenRequests).isEmpty();
  }

  @Test
  void aMissingIssIsAcceptedWhenNotAdvertised() {
    as.issInRedirect = null;
    as.advertisesIss = false;
    assertThat(authorize()).isTrue();
    assertThat(as.tokenRequests).hasSize(1);
  }

  @Test
  void metadataNamingAnotherIssuerIsRefused() {
    as.metadataIssuer = "https://attacker.example.com";
    assertThatThrownBy(this::authorize)
        .isInstanceOf(McpClientException.class)
        .hasMessageContaining("https://attacker.example.com");
    assertThat(as.paths).doesNotContain("/register", "/authorize", "/token");
  }
}
