package dev.mcpkit.transport.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.McpClientException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client's authorization seam against a real server that demands a bearer token: headers on
 * every request, a refused request sent again whole once the authorization has new credentials, a
 * refusal the authorization declines failing with the status, and the retries bounded.
 */
class ClientAuthorizationTest {
  private final TestServer server =
      new TestServer(
          builder -> builder.authenticator(Authenticator.bearerTokens(Map.of("good", "alice"))));

  @AfterEach
  void stop() {
    server.close();
  }

  /** Sends no token until refused, then the good one (or, if {@code learns} is false, never). */
  private static final class Recording implements ClientAuthorization {
    final List<Refusal> refusals = new CopyOnWriteArrayList<>();
    final boolean learns;
    final boolean retries;
    volatile String token = "";

    Recording(boolean learns, boolean retries) {
      this.learns = learns;
      this.retries = retries;
    }

    @Override
    public Map<String, String> headers(String method, URI uri) {
      return token.isEmpty() ? Map.of() : Map.of("Authorization", "Bearer " + token);
    }

    @Override
    public boolean refused(Refusal refusal) {
      refusals.add(refusal);
      if (learns) {
        token = "good";
      }
      return retries;
    }
  }

  private McpClient client(ClientAuthorization authorization) {
    return McpHttpClient.builder(server.endpoint).authorization(authorization).build();
  }

  @Test
  void aRefusedRequestIsSentAgainWholeWithTheNewCredentials() {
    Recording authorization = new Recording(true, true);
    McpClient client = client(authorization);
    try {
      client.initialize();
      assertThat(
              client
                  .callTool("echo", JsonMapper.builder().build().readTree("{\"message\":\"kept\"}"))
                  .toString())
          .contains("kept");
    } finally {
      client.close();
    }

    assertThat(authorization.refusals).hasSize(1);
    ClientAuthorization.Refusal refusal = authorization.refusals.getFirst();
    assertThat(refusal.status()).isEqualTo(401);
    assertThat(refusal.method()).isEqualTo("POST");
    assertThat(refusal.attempt()).isEqualTo(1);
    assertThat(refusal.header("WWW-Authenticate")).containsExactly("Bearer realm=\"mcp\"");
  }

  @Test
  void aRefusalTheAuthorizationDeclinesFailsWithTheStatus() {
    Recording authorization = new Recording(false, false);
    McpClient client = client(authorization);
    try {
      assertThatThrownBy(client::initialize)
          .isInstanceOfSatisfying(
              McpClientException.class, e -> assertThat(e.httpStatus()).isEqualTo(401));
    } finally {
      client.close();
    }
    assertThat(authorization.refusals).hasSize(1);
  }

  @Test
  void retriesAreBoundedWhenCredentialsNeverHelp() {
    Recording authorization = new Recording(false, true);
    McpClient client = client(authorization);
    try {
      assertThatThrownBy(client::initialize)
          .isInstanceOfSatisfying(
              McpClientException.class, e -> assertThat(e.httpStatus()).isEqualTo(401));
    } finally {
      client.close();
    }
    assertThat(authorization.refusals)
        .extracting(ClientAuthorization.Refusal::attempt)
        .containsExactly(1, 2, 3, 4);
  }
}
