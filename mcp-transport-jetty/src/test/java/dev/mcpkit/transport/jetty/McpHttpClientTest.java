package dev.mcpkit.transport.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.client.CallToolResult;
import dev.mcpkit.api.client.InitializeResult;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.client.ProgressListener;
import dev.mcpkit.api.client.RequestOptions;
import dev.mcpkit.api.client.RequestTimeoutException;
import dev.mcpkit.api.client.ToolInfo;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.transport.jetty.internal.ProtocolRecorder;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/** {@link McpHttpClient} against our own server over HTTP/1.1, h2c and TLS h2. */
class McpHttpClientTest {

  private static McpClient client(
      TestServer server, Transport transport, UnaryOperator<McpHttpClient.Builder> customizer) {
    McpHttpClient.Builder builder =
        McpHttpClient.builder(server.endpoint)
            .clientInfo("client-test", "1.0")
            .requestTimeout(Duration.ofSeconds(20));
    switch (transport) {
      case HTTP_1_1 -> {}
      case H2C -> builder.http2PriorKnowledge(true);
      case TLS_H2 -> builder.sslContext(TestTls.clientContext(false));
    }
    return customizer.apply(builder).build();
  }

  private static JsonNode json(String text) {
    return TestServer.JSON.readTree(text);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void initializesCallsAndDeletesTheSessionOnClose(Transport transport) {
    try (TestServer server = new TestServer(transport)) {
      McpClient client = client(server, transport, b -> b);
      InitializeResult init = client.initialize();
      assertThat(init.protocolVersion()).isEqualTo(ProtocolVersion.V2025_11_25);
      assertThat(init.serverName()).isEqualTo("test-server");
      assertThat(init.instructions()).isEqualTo("For tests.");
      assertThat(client.sessionId()).isPresent();
      assertThat(server.sessions.size()).isEqualTo(1);

      assertThat(client.listTools()).extracting(ToolInfo::name).contains("echo", "progress", "ask");
      CallToolResult echo = client.callTool("echo", json("{\"message\":\"hi\"}"));
      assertThat(echo.isError()).isFalse();
      assertThat(echo.text()).isEqualTo("hi");
      assertThat(client.callTool("fail", json("{}")).isError()).isTrue();
      client.ping();
      assertThat(client.readResource("test://notes").text()).isEqualTo("remember the milk");
      assertThat(client.listResources()).isNotEmpty();
      assertThat(client.listPrompts()).isNotEmpty();
      assertThatThrownBy(() -> client.request("no/such/method", null, RequestOptions.defaults()))
          .isInstanceOfSatisfying(
              McpClientException.class,
              e ->
                  assertThat(e.error())
                      .hasValueSatisfying(err -> assertThat(err.code()).isEqualTo(-32601)));

      client.close();
      client.close();
      assertThat(client.sessionId()).isEmpty();
      assertThat(server.sessions.size()).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void everyRequestArrivesOverTheTransportsProtocol(Transport transport) {
    // Checked by the server, from the connection each request came over: h2c and TLS must not fall
    // back to HTTP/1.1 (TLS offers both through ALPN) without the test noticing.
    String expected = transport.version == HttpClient.Version.HTTP_2 ? "HTTP/2.0" : "HTTP/1.1";
    ProtocolRecorder protocols = new ProtocolRecorder();
    try (TestServer server = new TestServer(transport, b -> b.authenticator(protocols))) {
      McpClient client = client(server, transport, b -> b);
      client.initialize();
      assertThat(client.callTool("echo", json("{\"message\":\"over which protocol?\"}")).text())
          .isEqualTo("over which protocol?");
      client.ping();
      client.close();
      // initialize, notifications/initialized, tools/call, ping and DELETE at least (the GET stream
      // too
      // if it opened in time).
      assertThat(protocols.versions()).hasSizeGreaterThanOrEqualTo(5).containsOnly(expected);
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void progressReachesTheListenerInOrderAndNotificationsTheirListener(Transport transport) {
    List<JsonRpcNotification> notifications = new CopyOnWriteArrayList<>();
    try (TestServer server = new TestServer(transport);
        McpClient client = client(server, transport, b -> b.onNotification(notifications::add))) {
      List<ProgressListener.Progress> progress = new CopyOnWriteArrayList<>();
      CallToolResult result =
          client.callTool(
              "progress", json("{}"), RequestOptions.defaults().withProgress(progress::add));
      assertThat(result.text()).isEqualTo("done");
      assertThat(progress)
          .extracting(ProgressListener.Progress::progress)
          .containsExactly(1.0, 2.0, 3.0);
      assertThat(progress)
          .extracting(ProgressListener.Progress::message)
          .containsExactly("step 1", "step 2", "step 3");
      assertThat(notifications)
          .extracting(JsonRpcNotification::method)
          .containsExactly("notifications/message");
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void answersSamplingRequestsWithTheRegisteredHandler(Transport transport) {
    try (TestServer server = new TestServer(transport);
        McpClient client =
            client(
                server,
                transport,
                b ->
                    b.onRequest(
                        "sampling/createMessage",
                        params ->
                            json(
                                "{\"role\":\"assistant\",\"content\":{\"type\":\"text\",\"text\":\"42\"},\"model\":\"m\"}")))) {
      assertThat(client.callTool("ask", json("{}")).text()).isEqualTo("the model said 42");
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aTimeoutCancelsTheCallOnTheServer(Transport transport) throws InterruptedException {
    try (TestServer server = new TestServer(transport);
        McpClient client = client(server, transport, b -> b)) {
      assertThatThrownBy(
              () ->
                  client.callTool(
                      "block",
                      json("{}"),
                      RequestOptions.defaults().withTimeout(Duration.ofMillis(500))))
          .isInstanceOf(RequestTimeoutException.class);
      assertThat(server.blockingCallInterrupted.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(server.cancelledFlagSeen).isTrue();
      assertThat(client.callTool("echo", json("{\"message\":\"still here\"}")).text())
          .isEqualTo("still here");
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void cancellingTheAsyncCallCancelsItOnTheServer(Transport transport) throws InterruptedException {
    try (TestServer server = new TestServer(transport);
        McpClient client = client(server, transport, b -> b)) {
      CompletableFuture<CallToolResult> call =
          client.callToolAsync("block", json("{}"), RequestOptions.defaults());
      assertThat(server.blockingCallStarted.await(10, TimeUnit.SECONDS)).isTrue();
      call.cancel(true);
      assertThat(server.blockingCallInterrupted.await(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void anExpiredSessionIsRenewedAndSafeRequestsAreRetried(Transport transport) {
    try (TestServer server = new TestServer(transport);
        McpClient client = client(server, transport, b -> b)) {
      client.initialize();
      String first = client.sessionId().orElseThrow();
      server.sessions.close(SessionId.of(first), CloseReason.IDLE_EXPIRED);

      assertThat(client.listTools()).extracting(ToolInfo::name).contains("echo");
      String second = client.sessionId().orElseThrow();
      assertThat(second).isNotEqualTo(first);

      server.sessions.close(SessionId.of(second), CloseReason.IDLE_EXPIRED);
      assertThatThrownBy(() -> client.callTool("echo", json("{\"message\":\"x\"}")))
          .isInstanceOfSatisfying(
              McpClientException.class, e -> assertThat(e.httpStatus()).isEqualTo(404));
      assertThat(client.sessionId()).hasValueSatisfying(id -> assertThat(id).isNotEqualTo(second));
      assertThat(client.callTool("echo", json("{\"message\":\"x\"}")).text()).isEqualTo("x");
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aStreamClosedByTheServerIsResumedWithoutDuplicates(Transport transport) throws Exception {
    List<String> logs = new CopyOnWriteArrayList<>();
    try (TestServer server = new TestServer(transport, b -> b.sseRetry(Duration.ofMillis(50)));
        McpClient client =
            client(
                server,
                transport,
                b ->
                    b.onNotification(
                        n ->
                            logs.add(
                                n.params() == null ? "" : n.params().path("data").asString(""))))) {
      CompletableFuture<CallToolResult> call =
          client.callToolAsync("poll", json("{}"), RequestOptions.defaults());
      assertThat(server.pollAway.await(10, TimeUnit.SECONDS)).isTrue();
      server.pollFinish.countDown();
      assertThat(call.get(20, TimeUnit.SECONDS).text()).isEqualTo("polled");
      assertThat(logs).containsExactly("before close", "away 1", "away 2", "live");
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void notificationsOutsideAnyCallArriveOnTheSessionGetStream(Transport transport) {
    List<JsonRpcNotification> notifications = new CopyOnWriteArrayList<>();
    try (TestServer server = new TestServer(transport);
        McpClient client = client(server, transport, b -> b.onNotification(notifications::add))) {
      client.initialize();
      // The GET stream opens asynchronously after initialize: notify until one arrives on it.
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                server.engine.notifications().promptListChanged();
                return !notifications.isEmpty();
              });
      assertThat(notifications)
          .extracting(JsonRpcNotification::method)
          .containsOnly("notifications/prompts/list_changed");
    }
  }
}
