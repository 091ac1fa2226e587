package dev.mcpkit.benchmarks.e2e;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The authorization server of the protected server kind ({@link ServerKind#MCPKIT_OAUTH}), as
 * little of one as the resource server needs, run by the driver on loopback with the JDK's HTTP
 * server: its RFC 8414 metadata ({@code /.well-known/oauth-authorization-server}, naming the issuer
 * and {@code jwks_uri}) and a JWKS holding the public half of an RSA key generated at start. It
 * hands out RS256 access tokens directly (no grant flow: the load generator is one client holding
 * one token, as a real client between refreshes).
 *
 * <p>Thread-safe; closing it stops the HTTP server.
 */
final class LoopbackAuthorizationServer implements AutoCloseable {
  /** The scope every request of the protected server needs, and that the tokens carry. */
  static final String SCOPE = "mcp:tools";

  /** Tokens outlive any run by far: the measured cost is that of a client reusing its token. */
  private static final Duration TOKEN_LIFETIME = Duration.ofDays(1);

  private final HttpServer http;
  private final RSAKey key;
  private final URI issuer;

  private LoopbackAuthorizationServer(HttpServer http, RSAKey key, URI issuer) {
    this.http = http;
    this.key = key;
    this.issuer = issuer;
  }

  /** Generates the key and starts serving on {@code 127.0.0.1}, an ephemeral port. */
  static LoopbackAuthorizationServer start() throws IOException, JOSEException {
    RSAKey key =
        new RSAKeyGenerator(2048).keyID("e2e-rsa").algorithm(JWSAlgorithm.RS256).generate();
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    URI issuer = URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    serve(
        http,
        "/.well-known/oauth-authorization-server",
        "{\"issuer\":\""
            + issuer
            + "\",\"jwks_uri\":\""
            + issuer
            + "/jwks\",\"response_types_supported\":[\"code\"],"
            + "\"scopes_supported\":[\""
            + SCOPE
            + "\"]}");
    serve(http, "/jwks", new JWKSet(key.toPublicJWK()).toString());
    http.start();
    return new LoopbackAuthorizationServer(http, key, issuer);
  }

  /** The issuer identifier: the {@code iss} of its tokens, where its metadata is found. */
  URI issuer() {
    return issuer;
  }

  /**
   * Signs an access token for one resource: RS256, {@code iss} this server, {@code aud} the
   * resource, {@code scope} {@value #SCOPE}, valid for a day.
   *
   * @param resource the protected server's canonical resource URI
   * @return the compact JWT
   */
  String accessToken(URI resource) throws JOSEException {
    Instant now = Instant.now();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
            new JWTClaimsSet.Builder()
                .issuer(issuer.toString())
                .subject("e2e-load-generator")
                .audience(resource.toString())
                .claim("client_id", "e2e-client")
                .claim("scope", SCOPE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(TOKEN_LIFETIME)))
                .build());
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  private static void serve(HttpServer http, String path, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    http.createContext(
        path,
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
