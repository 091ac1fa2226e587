package dev.mcpkit.transport.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.SessionId;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.Principal;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The TLS connector: ALPN's choice per client, TLS versions, no cleartext, client certificates. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsTest {
  private final TestServer server = new TestServer(Transport.TLS_H2);

  @AfterAll
  void stop() {
    server.close();
  }

  private HttpClient jdkClient(HttpClient.Version version, boolean withClientKey) {
    return HttpClient.newBuilder()
        .version(version)
        .sslContext(TestTls.clientContext(withClientKey))
        .build();
  }

  @Test
  void theEndpointIsHttps() {
    assertThat(server.endpoint.getScheme()).isEqualTo("https");
  }

  @Test
  void alpnGivesH2ToAClientOfferingIt() {
    McpTestClient client = new McpTestClient(server.endpoint, Transport.TLS_H2);

    HttpResponse<String> response =
        client.post(client.request(), McpTestClient.initialize(1, "2025-11-25"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
  }

  @Test
  void alpnGivesHttp11ToAClientAskingForIt() {
    McpTestClient client =
        new McpTestClient(server.endpoint, jdkClient(HttpClient.Version.HTTP_1_1, false));

    String sessionId = client.handshake("2025-11-25");
    HttpResponse<String> response =
        client.post(
            client.request(sessionId), McpTestClient.call(2, "echo", "{\"message\":\"tls\"}"));

    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(McpTestClient.json(response).at("/result/content/0/text").asString())
        .isEqualTo("tls");
  }

  @Test
  void theJdkClientNegotiatesH2Too() {
    McpTestClient client =
        new McpTestClient(server.endpoint, jdkClient(HttpClient.Version.HTTP_2, false));

    HttpResponse<String> response =
        client.post(client.request(), McpTestClient.initialize(1, "2025-11-25"));

    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
  }

  @Test
  void tls12And13AreAccepted() throws IOException {
    for (String protocol : new String[] {"TLSv1.2", "TLSv1.3"}) {
      try (SSLSocket socket =
          (SSLSocket)
              TestTls.clientContext(false)
                  .getSocketFactory()
                  .createSocket("127.0.0.1", server.server.port())) {
        socket.setEnabledProtocols(new String[] {protocol});
        socket.startHandshake();

        assertThat(socket.getSession().getProtocol()).isEqualTo(protocol);
        // Jetty's defaults exclude RSA key exchange, NULL, anonymous, MD5 and SHA-1 suites.
        assertThat(socket.getSession().getCipherSuite())
            .doesNotContain("_NULL_", "_anon_", "TLS_RSA_", "MD5")
            .doesNotEndWith("_SHA");
      }
    }
  }

  @Test
  void noCleartextIsServedOnTheTlsPort() {
    URI cleartext = URI.create("http://127.0.0.1:" + server.server.port() + "/health");
    HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    try {
      HttpResponse<String> response =
          plain.send(
              HttpRequest.newBuilder(cleartext).build(), HttpResponse.BodyHandlers.ofString());
      // Jetty may answer a cleartext request on a TLS port with 400; it must never serve it.
      assertThat(response.statusCode()).isEqualTo(400);
    } catch (IOException expected) {
      assertThat(expected).isNotNull();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void anAuthenticatorSeesTheClientCertificate() {
    Authenticator byCertificate =
        request ->
            request.clientCertificates().isEmpty()
                ? new Authenticator.Reject(
                    "Mutual realm=\"mcp\"", "Unauthorized: a client certificate is required")
                : new Authenticator.Accept(
                    request.clientCertificates().getFirst().getSubjectX500Principal());
    try (TestServer mutual =
        new TestServer(
            Transport.TLS_H2,
            builder ->
                builder
                    .tls(
                        TestTls.serverConfig()
                            .withClientAuth(
                                TlsConfig.ClientAuth.WANT,
                                TestTls.serverTrustStore(),
                                TestTls.PASSWORD))
                    .authenticator(byCertificate))) {
      McpTestClient withCertificate =
          new McpTestClient(mutual.endpoint, jdkClient(HttpClient.Version.HTTP_2, true));
      McpTestClient without =
          new McpTestClient(mutual.endpoint, jdkClient(HttpClient.Version.HTTP_2, false));

      String sessionId = withCertificate.handshake("2025-11-25");
      HttpResponse<String> refused =
          without.post(without.request(), McpTestClient.initialize(1, "2025-11-25"));

      assertThat(mutual.sessions.lookup(SessionId.of(sessionId)).principal())
          .map(Principal::getName)
          .hasValue("CN=alice");
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Mutual realm=\"mcp\"");
    }
  }

  @Test
  void tlsConfigValidatesAndHidesPasswords() {
    assertThatThrownBy(() -> TlsConfig.keyStore(Path.of("no/such/keystore.p12"), TestTls.PASSWORD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keyStore");
    TlsConfig config = TestTls.serverConfig();
    assertThat(config.toString()).doesNotContain(new String(TestTls.PASSWORD));
    char[] copy = config.keyStorePassword();
    copy[0] = 'X';
    assertThat(config.keyStorePassword()).isEqualTo(TestTls.PASSWORD);
  }
}
