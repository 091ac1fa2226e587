package dev.mcpkit.auth.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpkit.transport.jetty.ClientAuthorization.Refusal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two requests refused at once cause one authorization flow; both are sent again. */
class ConcurrentRefusalsTest {
  private final FakeAuthorizationServer as;

  ConcurrentRefusalsTest() throws Exception {
    as = new FakeAuthorizationServer();
  }

  @AfterEach
  void stop() {
    as.tokenGate.countDown();
    as.close();
  }

  @Test
  void aRefusalWaitingForTheFlowUsesItsTokens() throws Exception {
    OAuthAuthorization auth = OAuthAuthorization.builder(as.mcp()).build();
    Refusal refusal =
        new Refusal(401, "POST", as.mcp(), Map.of("www-authenticate", List.of("Bearer")), 1);
    CountDownLatch gate = new CountDownLatch(1);
    as.tokenGate = gate;

    CompletableFuture<Boolean> first = new CompletableFuture<>();
    Thread firstThread = new Thread(() -> first.complete(auth.refused(refusal)));
    firstThread.start();
    await().atMost(10, TimeUnit.SECONDS).until(() -> as.tokenRequests.size() == 1);
    CompletableFuture<Boolean> second = new CompletableFuture<>();
    Thread secondThread = new Thread(() -> second.complete(auth.refused(refusal)));
    secondThread.start();
    // the second refusal has read the (absent) tokens and waits for the first flow
    await()
        .atMost(10, TimeUnit.SECONDS)
        .until(() -> secondThread.getState() == Thread.State.WAITING);
    gate.countDown();

    assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(second.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(as.authorizeRequests).hasSize(1);
    assertThat(auth.headers("POST", as.mcp())).containsEntry("Authorization", "Bearer token-1");
  }
}
