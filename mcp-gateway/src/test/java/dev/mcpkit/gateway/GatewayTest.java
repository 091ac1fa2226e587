package dev.mcpkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.SessionPolicy;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.client.ResourceInfo;
import dev.mcpkit.api.client.ToolInfo;
import dev.mcpkit.transport.jetty.McpHttpClient;
import dev.mcpkit.transport.jetty.McpHttpConnections;
import dev.mcpkit.transport.jetty.McpHttpServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The gateway in front of mcpkit servers on loopback, driven by mcpkit's client: upstream sessions
 * opened per client session and closed with it, transparency with one upstream, aggregation and
 * routing with several, and a slow upstream that times out while the other serves.
 */
class GatewayTest {
  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable resource : resources.reversed()) {
      resource.close();
    }
  }

  private <T extends AutoCloseable> T closing(T resource) {
    resources.add(resource);
    return resource;
  }

  private URI serve(McpGateway gateway) {
    closing(gateway);
    McpHttpServer server =
        closing(McpHttpServer.builder().engine(gateway.engine()).host("127.0.0.1").port(0).build());
    server.start();
    return server.endpoint();
  }

  private McpClient client(URI endpoint) {
    return closing(McpHttpClient.builder(endpoint).clientInfo("test", "1.0").build());
  }

  private static JsonNode text(String text) {
    return JsonNodeFactory.instance.objectNode().put("text", text);
  }

  @Test
  void oneUpstreamIsTransparent() {
    TestUpstream upstream = closing(new TestUpstream("alpha", "only_alpha"));
    McpClient client = client(serve(McpGateway.builder().upstream(upstream.config()).build()));

    var init = client.initialize();
    assertThat(init.serverName()).isEqualTo("alpha");
    assertThat(init.instructions()).isEqualTo("Upstream alpha.");
    assertThat(init.capabilities().has("tools")).isTrue();
    assertThat(client.listTools())
        .extracting(ToolInfo::name)
        .containsExactly("echo", "slow", "only_alpha");
    assertThat(client.callTool("echo", text("hi")).text()).isEqualTo("alpha: hi");
    assertThatThrownBy(() -> client.callTool("nope", text("hi")))
        .isInstanceOf(McpClientException.class)
        .satisfies(
            e ->
                assertThat(((McpClientException) e).error())
                    .hasValueSatisfying(error -> assertThat(error.message()).contains("nope")));
  }

  @Test
  void theUpstreamSessionsOfManyClientSessionsShareOneConnectionPool() {
    TestUpstream upstream = closing(new TestUpstream("alpha", "only_alpha"));
    URI endpoint = serve(McpGateway.builder().upstream(upstream.config()).build());
    // The test's own clients share one pool too, so that the threads counted below are two
    // pools' worth: the test's and the gateway's one for the upstream.
    McpHttpConnections mine = closing(McpHttpConnections.builder(endpoint).build());
    int sessions = 20;
    for (int i = 0; i < sessions; i++) {
      McpClient client =
          closing(
              McpHttpClient.builder(endpoint).clientInfo("test", "1.0").connections(mine).build());
      assertThat(client.callTool("echo", text("s" + i)).text()).isEqualTo("alpha: s" + i);
    }
    assertThat(upstream.sessions.size()).isEqualTo(sessions);

    // A Jetty client keeps at least 8 "mcp-client" threads (its QueuedThreadPool's minimum): a
    // pool per upstream session would be 160 and more here.
    long clientThreads =
        Thread.getAllStackTraces().keySet().stream()
            .filter(thread -> thread.getName().startsWith("mcp-client"))
            .count();
    assertThat(clientThreads).isLessThan(2L * 8 * 3);
  }

  @Test
  void anUpstreamThatForgotTheSessionIsReinitializedTransparently() {
    TestUpstream upstream = closing(new TestUpstream("alpha", "only_alpha"));
    McpGateway gateway = McpGateway.builder().upstream(upstream.config()).build();
    McpClient client = client(serve(gateway));
    assertThat(client.callTool("echo", text("one")).text()).isEqualTo("alpha: one");
    // The upstream drops every session it has (a restart, an eviction): it answers 404 next.
    assertThat(upstream.sessions.size()).isEqualTo(1);
    List<SessionId> live = new ArrayList<>();
    upstream.sessions.forEach(s -> live.add(s.id()));
    live.forEach(id -> upstream.sessions.close(id, CloseReason.EVICTED));

    assertThat(client.callTool("echo", text("two")).text()).isEqualTo("alpha: two");
    assertThat(upstream.sessions.size()).isEqualTo(1);
  }

  @Test
  void deletingTheClientSessionClosesItsUpstreamSessions() {
    TestUpstream alpha = closing(new TestUpstream("alpha", "only_alpha"));
    TestUpstream beta = closing(new TestUpstream("beta", "only_beta"));
    McpClient client =
        McpHttpClient.builder(
                serve(
                    McpGateway.builder().upstream(alpha.config()).upstream(beta.config()).build()))
            .build();
    client.callTool("alpha__echo", text("x"));
    client.callTool("beta__echo", text("x"));
    int probes = 1; // each upstream saw the gateway's start-up probe close first

    client.close(); // DELETE at the gateway

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(alpha.closed).hasSize(probes + 1).containsOnly(CloseReason.CLIENT_REQUEST);
              assertThat(beta.closed).hasSize(probes + 1).containsOnly(CloseReason.CLIENT_REQUEST);
            });
  }

  @Test
  void anExpiredClientSessionClosesItsUpstreamSessions() {
    TestUpstream alpha = closing(new TestUpstream("alpha", "only_alpha"));
    McpGateway gateway =
        McpGateway.builder()
            .upstream(alpha.config())
            .sessionPolicy(SessionPolicy.builder().idleTimeout(Duration.ofSeconds(2)).build())
            .build();
    McpClient client = client(serve(gateway));
    client.callTool("echo", text("x"));
    List<SessionId> live = new ArrayList<>();
    alpha.sessions.forEach(s -> live.add(s.id()));
    assertThat(live).hasSize(1);
    assertThat(alpha.closed).hasSize(1); // the probe's

    // The client goes quiet: the gateway expires its session and closes the upstream one with it.
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              assertThat(alpha.closed).hasSize(2);
              assertThat(alpha.sessions.lookup(live.get(0))).isNull();
            });
    assertThat(gateway.sessions().size()).isZero();
  }

  @Test
  void severalUpstreamsAreListedUnderPrefixesAndRoutedWithTheCollisionReported() {
    TestUpstream alpha = closing(new TestUpstream("alpha", "only_alpha"));
    TestUpstream beta = closing(new TestUpstream("beta", "only_beta"));
    McpGateway gateway =
        McpGateway.builder()
            .upstream(alpha.config())
            .upstream(beta.config())
            .separator(".")
            .build();
    assertThat(gateway.warnings())
        .anySatisfy(w -> assertThat(w).contains("'echo'").contains("alpha.echo, beta.echo"));
    McpClient client = client(serve(gateway));

    var init = client.initialize();
    assertThat(init.serverName()).isEqualTo("mcpkit-gateway");
    assertThat(init.instructions()).contains("Upstream alpha.").contains("Upstream beta.");
    assertThat(client.listTools())
        .extracting(ToolInfo::name)
        .containsExactly(
            "alpha.echo",
            "alpha.slow",
            "alpha.only_alpha",
            "beta.echo",
            "beta.slow",
            "beta.only_beta");
    assertThat(client.callTool("alpha.echo", text("a")).text()).isEqualTo("alpha: a");
    assertThat(client.callTool("beta.echo", text("b")).text()).isEqualTo("beta: b");
    assertThat(client.callTool("beta.only_beta", text("")).text()).isEqualTo("beta: only_beta");
    assertThatThrownBy(() -> client.callTool("gamma.echo", text("")))
        .isInstanceOf(McpClientException.class);
  }

  @Test
  void aSlowUpstreamTimesOutWhileTheOtherServes() throws Exception {
    TestUpstream alpha = closing(new TestUpstream("alpha", "only_alpha"));
    TestUpstream slow = closing(new TestUpstream("slowpoke", "only_slow"));
    McpGateway gateway =
        McpGateway.builder()
            .upstream(alpha.config())
            .upstream(slow.config().withTimeout(Duration.ofMillis(500)))
            .build();
    McpClient client = client(serve(gateway));

    long start = System.nanoTime();
    CompletableFuture<?> stuck =
        client.callToolAsync(
            "slowpoke__slow", text(""), dev.mcpkit.api.client.RequestOptions.defaults());
    // Meanwhile the other upstream answers.
    assertThat(client.callTool("alpha__echo", text("still here")).text())
        .isEqualTo("alpha: still here");
    assertThatThrownBy(stuck::join)
        .hasCauseInstanceOf(McpClientException.class)
        .satisfies(
            e ->
                assertThat(((McpClientException) e.getCause()).error())
                    .hasValueSatisfying(
                        error ->
                            assertThat(error.message())
                                .isEqualTo("upstream slowpoke did not answer within PT0.5S")));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void anUpstreamsListChangeReachesTheClientSession() {
    TestUpstream alpha = closing(new TestUpstream("alpha", "only_alpha"));
    TestUpstream beta = closing(new TestUpstream("beta", "only_beta"));
    URI endpoint =
        serve(McpGateway.builder().upstream(alpha.config()).upstream(beta.config()).build());
    List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    McpClient client =
        closing(
            McpHttpClient.builder(endpoint).onNotification(n -> received.add(n.method())).build());
    client.callTool("beta__echo", text("open beta's session"));

    // Both GET streams (client to gateway, gateway to beta) open asynchronously: publish until
    // seen.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              beta.engine.notifications().promptListChanged();
              assertThat(received).contains("notifications/prompts/list_changed");
            });
  }

  @Test
  void aMergedListingIsPaginatedByTheGateway() {
    TestUpstream alpha =
        closing(
            new TestUpstream(
                "alpha", "only_alpha", 60, dev.mcpkit.transport.jetty.Authenticator.none()));
    TestUpstream beta =
        closing(
            new TestUpstream(
                "beta", "only_beta", 60, dev.mcpkit.transport.jetty.Authenticator.none()));
    McpClient client =
        client(
            serve(McpGateway.builder().upstream(alpha.config()).upstream(beta.config()).build()));

    JsonNode first =
        client.request("tools/list", null, dev.mcpkit.api.client.RequestOptions.defaults());
    assertThat(first.get("tools")).hasSize(100);
    assertThat(first.get("nextCursor").asString()).isEqualTo("100");
    List<ToolInfo> all = client.listTools(); // follows nextCursor
    assertThat(all).hasSize(126);
    assertThat(all)
        .extracting(ToolInfo::name)
        .doesNotHaveDuplicates()
        .contains("alpha__t59", "beta__t59");
    assertThatThrownBy(
            () ->
                client.request(
                    "tools/list",
                    JsonNodeFactory.instance.objectNode().put("cursor", "bogus"),
                    dev.mcpkit.api.client.RequestOptions.defaults()))
        .isInstanceOf(McpClientException.class);
  }

  @Test
  void eachUpstreamGetsItsOwnCredentials() {
    TestUpstream guarded =
        closing(
            new TestUpstream(
                "guarded",
                "only_guarded",
                0,
                dev.mcpkit.transport.jetty.Authenticator.bearerTokens(
                    java.util.Map.of("upstream-secret", "gateway"))));
    UpstreamConfig config =
        new UpstreamConfig(
            "guarded",
            guarded.endpoint(),
            List.of(),
            UpstreamConfig.DEFAULT_TIMEOUT,
            java.util.Map.of("Authorization", "Bearer upstream-secret"));
    McpGateway gateway = McpGateway.builder().upstream(config).build();
    McpClient client = client(serve(gateway));
    assertThat(client.callTool("echo", text("in")).text()).isEqualTo("guarded: in");

    UpstreamConfig without = UpstreamConfig.http("guarded", guarded.endpoint());
    assertThatThrownBy(() -> McpGateway.builder().upstream(without).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("upstream guarded cannot be reached or refuses");
  }

  @Test
  void anAnswerOverTheUpstreamsMessageLimitFailsItsCallOnlyAndTripsNoBreaker() {
    TestUpstream upstream = closing(new TestUpstream("alpha", "only_alpha"));
    McpClient client =
        client(
            serve(
                McpGateway.builder()
                    .upstream(upstream.config().withMaxMessageBytes(2048))
                    .build()));
    // More times than the breaker's threshold (3): an upstream that answers is not failing.
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> client.callTool("echo", text("x".repeat(4000))))
          .isInstanceOf(McpClientException.class)
          .satisfies(
              e ->
                  assertThat(((McpClientException) e).error())
                      .hasValueSatisfying(
                          error ->
                              assertThat(error.message())
                                  .isEqualTo(
                                      "upstream alpha answered more than 2048 bytes, the"
                                          + " gateway's limit for it (maxMessageBytes)")));
    }
    assertThat(client.callTool("echo", text("small")).text()).isEqualTo("alpha: small");
  }

  @Test
  void anUpstreamThatKeepsTimingOutIsCutOffByItsBreaker() {
    TestUpstream slow = closing(new TestUpstream("slowpoke", "only_slow"));
    TestUpstream alpha = closing(new TestUpstream("alpha", "only_alpha"));
    McpClient client =
        client(
            serve(
                McpGateway.builder()
                    .upstream(slow.config().withTimeout(Duration.ofSeconds(1)))
                    .upstream(alpha.config())
                    .build()));
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> client.callTool("slowpoke__slow", text("")))
          .hasMessageContaining("upstream slowpoke did not answer within PT1S");
    }

    long start = System.nanoTime();
    assertThatThrownBy(() -> client.callTool("slowpoke__echo", text("")))
        .isInstanceOf(McpClientException.class)
        .hasMessageContaining("upstream slowpoke is unavailable");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    assertThat(client.callTool("alpha__echo", text("fine")).text()).isEqualTo("alpha: fine");
  }

  @Test
  void resourcesAreListedTogetherAndReadFromTheirUpstream() {
    TestUpstream alpha = closing(new TestUpstream("alpha", "only_alpha"));
    TestUpstream beta = closing(new TestUpstream("beta", "only_beta"));
    McpClient client =
        client(
            serve(McpGateway.builder().upstream(alpha.config()).upstream(beta.config()).build()));

    assertThat(client.listResources())
        .extracting(ResourceInfo::uri)
        .containsExactly("test://alpha/motd", "test://beta/motd");
    assertThat(client.readResource("test://beta/motd").text()).isEqualTo("from beta");
    assertThat(client.readResource("test://alpha/motd").text()).isEqualTo("from alpha");
    assertThatThrownBy(() -> client.readResource("test://nowhere/motd"))
        .isInstanceOf(McpClientException.class);
  }
}
