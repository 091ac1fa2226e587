package dev.mcpkit.transport.jetty;

import static dev.mcpkit.transport.jetty.McpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.SessionId;
import java.net.http.HttpResponse;
import java.security.Principal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An authenticator that blocks only sometimes ({@link Authenticator#decideWithoutBlocking}) in
 * front of a real server, over each {@link Transport}: what it decides on the I/O thread keeps the
 * fast path (or is refused right there), and what it cannot decide reaches {@link
 * Authenticator#authenticate} once, on a virtual thread.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ParameterizedClass
@EnumSource(Transport.class)
class DecideWithoutBlockingTest {
  @Parameter private Transport transport;
  private final PartlyBlocking authenticator = new PartlyBlocking();
  private TestServer server;
  private McpTestClient client;

  /**
   * Decides the tokens {@code inline}, {@code reject} and {@code forbid} at once and leaves {@code
   * slow} to {@link #authenticate}; records the threads it was asked on. Both accept as "erin", so
   * one session serves either token.
   */
  private static final class PartlyBlocking implements Authenticator {
    final List<Boolean> decidedOnVirtualThread = new CopyOnWriteArrayList<>();
    final List<Boolean> authenticatedOnVirtualThread = new CopyOnWriteArrayList<>();

    @Override
    public @Nullable Decision decideWithoutBlocking(Request request) {
      decidedOnVirtualThread.add(Thread.currentThread().isVirtual());
      return switch (String.valueOf(request.header("Authorization"))) {
        case "Bearer inline" -> new Accept(() -> "erin");
        case "Bearer reject" -> new Reject("Bearer error=\"invalid_token\"", "Unauthorized: no");
        case "Bearer forbid" ->
            new Forbid("Bearer error=\"insufficient_scope\"", "Forbidden: scope");
        default -> null;
      };
    }

    @Override
    public Decision authenticate(Request request) {
      authenticatedOnVirtualThread.add(Thread.currentThread().isVirtual());
      return new Accept(() -> "erin");
    }
  }

  @BeforeParameterizedClassInvocation
  void start() {
    server = new TestServer(transport, builder -> builder.authenticator(authenticator));
    client = new McpTestClient(server.endpoint, transport);
  }

  @AfterParameterizedClassInvocation
  void stop() {
    server.close();
  }

  @BeforeEach
  void forget() {
    authenticator.decidedOnVirtualThread.clear();
    authenticator.authenticatedOnVirtualThread.clear();
  }

  private HttpResponse<String> call(String token, @Nullable String sessionId, String tool) {
    McpTestClient caller = client.authorized("Bearer " + token);
    return caller.post(
        sessionId == null ? caller.request() : caller.request(sessionId),
        McpTestClient.call(2, tool, "{}"));
  }

  @Test
  void aRequestDecidedAtOnceIsServedOnTheIoThreadWithoutAuthenticate() {
    String sessionId = client.authorized("Bearer inline").handshake("2025-11-25");
    forget();

    HttpResponse<String> call = call("inline", sessionId, "inline-thread");

    assertThat(call.statusCode()).isEqualTo(200);
    assertThat(json(call).at("/result/content/0/text").asString()).isEqualTo("platform");
    assertThat(authenticator.decidedOnVirtualThread).containsExactly(false);
    assertThat(authenticator.authenticatedOnVirtualThread).isEmpty();
    assertThat(server.sessions.lookup(SessionId.of(sessionId)).principal())
        .map(Principal::getName)
        .hasValue("erin");
  }

  @Test
  void aRequestDecidedAtOnceForABlockingToolGoesOnWithoutAuthenticate() {
    String sessionId = client.authorized("Bearer inline").handshake("2025-11-25");
    forget();

    HttpResponse<String> call = call("inline", sessionId, "thread");

    assertThat(json(call).at("/result/content/0/text").asString()).isEqualTo("virtual");
    assertThat(authenticator.decidedOnVirtualThread).containsExactly(false);
    assertThat(authenticator.authenticatedOnVirtualThread).isEmpty();
  }

  @Test
  void anUndecidedRequestIsAuthenticatedOnceOnAVirtualThread() {
    String sessionId = client.authorized("Bearer inline").handshake("2025-11-25");
    forget();

    HttpResponse<String> call = call("slow", sessionId, "inline-thread");

    assertThat(call.statusCode()).isEqualTo(200);
    // Handed off to authenticate, the non-blocking tool runs on that virtual thread too.
    assertThat(json(call).at("/result/content/0/text").asString()).isEqualTo("virtual");
    assertThat(authenticator.decidedOnVirtualThread).containsExactly(false);
    assertThat(authenticator.authenticatedOnVirtualThread).containsExactly(true);
  }

  @Test
  void aRejectionDecidedAtOnceIs401WithItsChallengeAndAJsonRpcError() {
    HttpResponse<String> response = call("reject", null, "inline-thread");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer error=\"invalid_token\"");
    assertThat(json(response).get("jsonrpc").asString()).isEqualTo("2.0");
    assertThat(json(response).at("/error/code").asInt()).isEqualTo(-32600);
    assertThat(json(response).at("/error/message").asString()).isEqualTo("Unauthorized: no");
    assertThat(authenticator.decidedOnVirtualThread).containsExactly(false);
    assertThat(authenticator.authenticatedOnVirtualThread).isEmpty();
  }

  @Test
  void aRefusalDecidedAtOnceIs403WithItsChallengeAndAJsonRpcError() {
    HttpResponse<String> response = call("forbid", null, "inline-thread");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer error=\"insufficient_scope\"");
    assertThat(json(response).at("/error/code").asInt()).isEqualTo(-32600);
    assertThat(json(response).at("/error/message").asString()).isEqualTo("Forbidden: scope");
    assertThat(authenticator.authenticatedOnVirtualThread).isEmpty();
  }

  @Test
  void aGetIsNotOfferedToTheIoThreadButAuthenticatedOnce() {
    String sessionId = client.authorized("Bearer inline").handshake("2025-11-25");
    forget();
    McpTestClient caller = client.authorized("Bearer inline");

    try (SseReader stream = caller.openSse(caller.streamRequest(sessionId).build())) {
      assertThat(stream.status()).isEqualTo(200);
      assertThat(stream.nextEvent().isPriming()).isTrue();
      assertThat(authenticator.decidedOnVirtualThread).isEmpty();
      assertThat(authenticator.authenticatedOnVirtualThread).containsExactly(true);
      assertThat(caller.send(caller.request(sessionId).DELETE().build()).statusCode())
          .isEqualTo(200);
      assertThat(stream.awaitEnd()).isEmpty();
    }
  }
}
