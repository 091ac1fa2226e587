package dev.mcpkit.transport.jetty.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.transport.jetty.Authenticator;
import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class BearerTokenAuthenticatorTest {
  private final Authenticator tokens =
      Authenticator.bearerTokens(Map.of("t1", "alice", "t2", "bob"));

  private static Authenticator.Request withAuthorization(@Nullable String value) {
    return new Authenticator.Request() {
      @Override
      public @Nullable String header(String name) {
        return name.equalsIgnoreCase("Authorization") ? value : null;
      }

      @Override
      public List<String> headers(String name) {
        String header = header(name);
        return header == null ? List.of() : List.of(header);
      }

      @Override
      public @Nullable SocketAddress remoteAddress() {
        return null;
      }

      @Override
      public boolean secure() {
        return false;
      }

      @Override
      public List<X509Certificate> clientCertificates() {
        return List.of();
      }
    };
  }

  private String nameOf(@Nullable String authorization) {
    Authenticator.Decision decision = tokens.authenticate(withAuthorization(authorization));
    return switch (decision) {
      case Authenticator.Accept accept -> accept.principal().getName();
      case Authenticator.Reject reject -> reject.challenge();
      case Authenticator.Forbid forbid -> forbid.challenge();
    };
  }

  @Test
  void eachTokenMapsToItsPrincipal() {
    assertThat(nameOf("Bearer t1")).isEqualTo("alice");
    assertThat(nameOf("bearer t2")).isEqualTo("bob");
    assertThat(nameOf("BEARER   t1 ")).isEqualTo("alice");
  }

  @Test
  void missingMalformedAndWrongTokensAreRejected() {
    assertThat(nameOf(null)).isEqualTo("Bearer realm=\"mcp\"");
    assertThat(nameOf("Bearer")).isEqualTo("Bearer realm=\"mcp\"");
    assertThat(nameOf("Bearer ")).isEqualTo("Bearer realm=\"mcp\"");
    assertThat(nameOf("Bearert1")).isEqualTo("Bearer realm=\"mcp\"");
    assertThat(nameOf("Basic t1")).isEqualTo("Bearer realm=\"mcp\"");
    assertThat(nameOf("Bearer t3")).isEqualTo("Bearer realm=\"mcp\", error=\"invalid_token\"");
    assertThat(nameOf("Bearer t1t1")).isEqualTo("Bearer realm=\"mcp\", error=\"invalid_token\"");
  }

  @Test
  void theTableIsValidated() {
    assertThatThrownBy(() -> Authenticator.bearerTokens(Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Authenticator.bearerTokens(Map.of(" ", "x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Authenticator.bearerTokens(Map.of("a b", "x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Authenticator.bearerTokens(Map.of("t", "")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(tokens.toString()).doesNotContain("t1", "t2");
  }

  @Test
  void aRejectionCannotSplitTheResponse() {
    assertThatThrownBy(() -> new Authenticator.Reject("Bearer\r\nSet-Cookie: x=y", "no"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
