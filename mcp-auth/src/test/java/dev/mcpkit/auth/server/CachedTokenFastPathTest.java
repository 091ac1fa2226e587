package dev.mcpkit.auth.server;

import static dev.mcpkit.auth.server.RawClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The resource server decides what needs no authorization server on the I/O thread ({@code
 * decideWithoutBlocking}): a JWT it validated before keeps the transport's fast path, so a
 * non-blocking tool runs on the I/O thread; a token it has not seen goes to a virtual thread, where
 * it is validated (and then cached); a cached token without the server's scope, and a missing
 * token, are refused the same way as before.
 */
class CachedTokenFastPathTest {
  private static final String THREAD =
      "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\","
          + "\"params\":{\"name\":\"thread\",\"arguments\":{}}}";

  private static String threadOf(HttpResponse<String> call) {
    assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
    return json(call).at("/result/content/0/text").asString();
  }

  /**
   * Calls the tool with a token the server has cached until one call runs on a platform thread, at
   * most five times, and returns the threads the calls ran on. Jetty itself may run a request's
   * first handling on a virtual thread when no I/O thread is free to go on producing (its adaptive
   * execution strategy under load), which a single call cannot tell apart from a token that was not
   * decided at once; a token that is never decided on the I/O thread runs every call on a virtual
   * thread.
   */
  private static List<String> threadsOf(RawClient client, String token, String session)
      throws Exception {
    List<String> threads = new ArrayList<>();
    while (threads.size() < 5 && !threads.contains("platform")) {
      threads.add(threadOf(client.post(token, session, THREAD)));
    }
    return threads;
  }

  @Test
  void aCachedTokenIsDecidedOnTheIoThreadAndANewOneValidatedOnAVirtualThread() throws Exception {
    try (MockAuthorizationServer as = new MockAuthorizationServer();
        ProtectedServer server =
            new ProtectedServer(
                as.issuer,
                builder -> builder.scopesSupported("mcp:tools").requiredScopes("mcp:tools"));
        RawClient client = new RawClient(server.endpoint)) {
      String audience = server.endpoint.toString();
      String first =
          as.token(Map.of("sub", "alice", "aud", audience, "scope", "mcp:tools", "n", 1));
      String sessionId = client.handshake(first);

      assertThat(threadsOf(client, first, sessionId))
          .as("a token validated by the handshake: decided and served on the I/O thread")
          .contains("platform");

      String second =
          as.token(Map.of("sub", "alice", "aud", audience, "scope", "mcp:tools", "n", 2));
      assertThat(threadOf(client.post(second, sessionId, THREAD)))
          .as("a token not seen before: validated on a virtual thread, the tool runs there")
          .isEqualTo("virtual");
      assertThat(threadsOf(client, second, sessionId))
          .as("the same token again, now cached")
          .contains("platform");
    }
  }

  @Test
  void refusalsAreTheSameWhetherDecidedAtOnceOrAfterValidation() throws Exception {
    try (MockAuthorizationServer as = new MockAuthorizationServer();
        ProtectedServer server =
            new ProtectedServer(
                as.issuer,
                builder -> builder.scopesSupported("mcp:tools").requiredScopes("mcp:tools"));
        RawClient client = new RawClient(server.endpoint)) {
      String narrow =
          as.token(Map.of("sub", "bob", "aud", server.endpoint.toString(), "scope", "openid"));

      HttpResponse<String> validated = client.post(narrow, null, RawClient.initialize(1));
      HttpResponse<String> cached = client.post(narrow, null, RawClient.initialize(1));
      HttpResponse<String> missing = client.post(null, null, RawClient.initialize(1));

      for (HttpResponse<String> forbidden : List.of(validated, cached)) {
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.headers().firstValue("WWW-Authenticate").orElseThrow())
            .startsWith("Bearer error=\"insufficient_scope\", scope=\"mcp:tools\"");
        assertThat(json(forbidden).at("/error/code").asInt()).isEqualTo(-32600);
      }
      assertThat(cached.body()).isEqualTo(validated.body());
      assertThat(missing.statusCode()).isEqualTo(401);
      assertThat(missing.headers().firstValue("WWW-Authenticate").orElseThrow())
          .startsWith("Bearer resource_metadata=");
      assertThat(server.sessions.size()).isZero();
    }
  }
}
