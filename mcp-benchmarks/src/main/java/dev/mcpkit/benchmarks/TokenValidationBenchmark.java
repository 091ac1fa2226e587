package dev.mcpkit.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.mcpkit.auth.server.ResourceServer;
import dev.mcpkit.transport.jetty.Authenticator;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The resource server's check of one request's bearer token ({@code
 * ResourceServer.authenticator().authenticate}) with the authorization server's keys already
 * cached: what every request to a protected server pays. {@code cached}: a client reusing its RS256
 * token (the common case; the validated-token cache answers); {@code rs256} and {@code es256}: a
 * token seen for the first time (the cache is off), so the JWT is parsed, its signature checked and
 * its claims verified; {@code static} is the baseline in the same run, the transport's fixed token
 * table ({@code Authenticator.bearerTokens}, a SHA-256 and a constant-time compare). The keys come
 * once, in the setup, from a JWKS and RFC 8414 metadata served by the JDK's HTTP server on
 * loopback.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class TokenValidationBenchmark {
  private static final URI RESOURCE = URI.create("https://mcp.example.com/mcp");

  /** Which token and authenticator: see the class comment. */
  @Param({"cached", "rs256", "es256", "static"})
  public String mode;

  private HttpServer authorizationServer;
  private Authenticator authenticator;
  private Authenticator.Request request;

  @Setup
  public void setUp() throws Exception {
    RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa").algorithm(JWSAlgorithm.RS256).generate();
    ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec").algorithm(JWSAlgorithm.ES256).generate();
    authorizationServer =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    String issuer = "http://127.0.0.1:" + authorizationServer.getAddress().getPort();
    serve(
        "/.well-known/oauth-authorization-server",
        "{\"issuer\":\""
            + issuer
            + "\",\"jwks_uri\":\""
            + issuer
            + "/jwks\","
            + "\"response_types_supported\":[\"code\"]}");
    serve("/jwks", new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString());
    authorizationServer.start();

    String token =
        switch (mode) {
          case "es256" -> token(issuer, JWSAlgorithm.ES256, "ec", new ECDSASigner(ec));
          default -> token(issuer, JWSAlgorithm.RS256, "rsa", new RSASSASigner(rsa));
        };
    authenticator =
        mode.equals("static")
            ? Authenticator.bearerTokens(Map.of(token, "alice"))
            : ResourceServer.builder()
                .resource(RESOURCE)
                .authorizationServer(URI.create(issuer))
                .requiredScopes("mcp:tools")
                .tokenCacheSize(mode.equals("cached") ? ResourceServer.DEFAULT_TOKEN_CACHE_SIZE : 0)
                .build()
                .authenticator();
    request = new BearerRequest("Bearer " + token);
    if (!(authenticator.authenticate(request) instanceof Authenticator.Accept)) {
      throw new IllegalStateException("the benchmark's token is refused in mode " + mode);
    }
  }

  @TearDown
  public void tearDown() {
    authorizationServer.stop(0);
  }

  /** One request's check. */
  @Benchmark
  public Authenticator.Decision authenticate() {
    return authenticator.authenticate(request);
  }

  private void serve(String path, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    authorizationServer.createContext(
        path,
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
  }

  private static String token(String issuer, JWSAlgorithm alg, String kid, JWSSigner signer)
      throws JOSEException {
    Instant now = Instant.now();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(alg).keyID(kid).build(),
            new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject("alice")
                .audience(RESOURCE.toString())
                .claim("client_id", "client-1")
                .claim("scope", "mcp:tools mcp:resources")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(24 * 3600)))
                .build());
    jwt.sign(signer);
    return jwt.serialize();
  }

  /** The request view the transport would give the authenticator: one Authorization header. */
  private record BearerRequest(String authorization) implements Authenticator.Request {
    @Override
    public @Nullable String header(String name) {
      return name.equalsIgnoreCase("Authorization") ? authorization : null;
    }

    @Override
    public List<String> headers(String name) {
      return name.equalsIgnoreCase("Authorization") ? List.of(authorization) : List.of();
    }

    @Override
    public @Nullable SocketAddress remoteAddress() {
      return null;
    }

    @Override
    public boolean secure() {
      return true;
    }

    @Override
    public List<X509Certificate> clientCertificates() {
      return List.of();
    }
  }
}
