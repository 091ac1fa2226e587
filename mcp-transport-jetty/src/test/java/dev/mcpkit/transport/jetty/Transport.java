package dev.mcpkit.transport.jetty;

import java.net.http.HttpClient;

/**
 * The connectors the shared integration tests run over: each parameterized test class gets its own
 * {@link TestServer} and {@link McpTestClient} for each value.
 */
enum Transport {
  /** Cleartext HTTP/1.1, driven by {@code java.net.http}. */
  HTTP_1_1(HttpClient.Version.HTTP_1_1),
  /** Cleartext HTTP/2 with prior knowledge on the same port, driven by Jetty's client. */
  H2C(HttpClient.Version.HTTP_2),
  /** HTTP/2 over TLS, chosen by ALPN, driven by Jetty's client offering h2 and http/1.1. */
  TLS_H2(HttpClient.Version.HTTP_2);

  /** The protocol version every response must come back with. */
  final HttpClient.Version version;

  Transport(HttpClient.Version version) {
    this.version = version;
  }

  boolean tls() {
    return this == TLS_H2;
  }

  /** Configures the server side of this transport. */
  void configure(McpHttpServer.Builder builder) {
    if (tls()) {
      builder.tls(TestTls.serverConfig());
    }
  }
}
