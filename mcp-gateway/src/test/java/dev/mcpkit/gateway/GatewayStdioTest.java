package dev.mcpkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mcpkit.api.client.CallToolResult;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.client.ProgressListener;
import dev.mcpkit.api.client.RequestOptions;
import dev.mcpkit.api.client.ToolInfo;
import dev.mcpkit.transport.jetty.McpHttpClient;
import dev.mcpkit.transport.jetty.McpHttpServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The gateway in front of a stdio upstream, an mcpkit server on the stdio transport in a child JVM
 * ({@link StdioChildServer}), driven over HTTP by mcpkit's client: calls, progress and a sampling
 * round trip through the one shared child, the child's environment and working directory from the
 * configuration, and the child killed and restarted while its callers get a JSON-RPC error quickly.
 */
class GatewayStdioTest {
  private final List<AutoCloseable> resources = new ArrayList<>();
  @TempDir Path dir;

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

  /** A client that answers sampling with {@code reply}. */
  private McpClient client(URI endpoint, String reply) {
    return closing(
        McpHttpClient.builder(endpoint)
            .clientInfo("test", "1.0")
            .onRequest(
                "sampling/createMessage",
                params -> {
                  ObjectNode answer = JsonNodeFactory.instance.objectNode();
                  answer.put("role", "assistant");
                  answer.putObject("content").put("type", "text").put("text", reply);
                  answer.put("model", "canned");
                  return answer;
                })
            .build());
  }

  private static JsonNode text(String text) {
    return JsonNodeFactory.instance.objectNode().put("text", text);
  }

  private static long pidOf(McpClient client) {
    return Long.parseLong(client.callTool("whoami", text("")).text().split(" ")[0]);
  }

  @Test
  void aStdioUpstreamServesEverySessionThroughOneChild() {
    UpstreamConfig child =
        UpstreamConfig.stdio("child", StdioChildServer.command())
            .withEnvironment(Map.of("GREETING", "hello-from-config"))
            .withDirectory(dir);
    McpGateway gateway = McpGateway.builder().upstream(child).build();
    URI endpoint = serve(gateway);
    McpClient alice = client(endpoint, "alice's answer");
    McpClient bob = client(endpoint, "bob's answer");

    var init = alice.initialize();
    assertThat(init.serverName()).isEqualTo("stdio-child");
    assertThat(init.instructions()).isEqualTo("A child on stdio.");
    assertThat(alice.listTools())
        .extracting(ToolInfo::name)
        .containsExactly("echo", "whoami", "progress", "hang", "ask");
    assertThat(alice.callTool("echo", text("hi")).text()).isEqualTo("child: hi");

    String[] whoami = bob.callTool("whoami", text("")).text().split(" ");
    assertThat(Long.parseLong(whoami[0])).as("one child for both sessions").isEqualTo(pidOf(alice));
    assertThat(Path.of(whoami[1])).isEqualTo(dir.toAbsolutePath());
    assertThat(whoami[2]).isEqualTo("hello-from-config");

    List<ProgressListener.Progress> progress = new CopyOnWriteArrayList<>();
    var done =
        alice.callTool("progress", text(""), RequestOptions.defaults().withProgress(progress::add));
    assertThat(done.text()).isEqualTo("done");
    assertThat(progress)
        .extracting(ProgressListener.Progress::progress)
        .containsExactly(1.0, 2.0, 3.0);

    // Each session's sampling request reaches that session's client.
    assertThat(alice.callTool("ask", text("q")).text()).isEqualTo("client said: alice's answer");
    assertThat(bob.callTool("ask", text("q")).text()).isEqualTo("client said: bob's answer");
  }

  @Test
  void aStdioAnswerOverTheMessageLimitFailsItsCallAtOnceAndTheChildServesOn() {
    UpstreamConfig child =
        UpstreamConfig.stdio("child", StdioChildServer.command()).withMaxMessageBytes(2048);
    McpClient client = client(serve(McpGateway.builder().upstream(child).build()), "x");
    long pid = pidOf(client);

    long start = System.nanoTime();
    assertThatThrownBy(() -> client.callTool("echo", text("y".repeat(4000))))
        .isInstanceOf(McpClientException.class)
        .hasMessageContaining("upstream child answered more than 2048 bytes");
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("failed when the line was read, not at the upstream's timeout (60 s)")
        .isLessThan(Duration.ofSeconds(30));
    assertThat(client.callTool("echo", text("small")).text()).isEqualTo("child: small");
    assertThat(pidOf(client)).as("the same child").isEqualTo(pid);
  }

  @Test
  void aStdioUpstreamKilledIsRestartedWhileCallersFailFast() throws Exception {
    UpstreamConfig child =
        UpstreamConfig.stdio("child", StdioChildServer.command())
            .withTimeout(Duration.ofSeconds(20))
            .withRestart(new UpstreamConfig.Restart(Duration.ofSeconds(1), Duration.ofSeconds(4)));
    McpClient client = client(serve(McpGateway.builder().upstream(child).build()), "x");
    long first = pidOf(client);
    CountDownLatch hanging = new CountDownLatch(1);
    CompletableFuture<CallToolResult> inFlight =
        client.callToolAsync(
            "hang", text(""), RequestOptions.defaults().withProgress(p -> hanging.countDown()));
    assertThat(hanging.await(10, TimeUnit.SECONDS)).as("the call reached the child").isTrue();

    ProcessHandle process = ProcessHandle.of(first).orElseThrow();
    long killed = System.nanoTime();
    process.destroyForcibly();
    process.onExit().get(10, TimeUnit.SECONDS);

    // The call in flight fails as soon as the child's output closes, not at the 20 s timeout.
    assertThatThrownBy(() -> inFlight.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(McpClientException.class)
        .satisfies(
            e ->
                assertThat(((McpClientException) e).error())
                    .hasValueSatisfying(
                        error -> assertThat(error.message()).startsWith("upstream child ")));
    assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(5));

    // The child is down for a second (the backoff): calls fail at once with a JSON-RPC error that
    // names the upstream, far within the upstream's 20 s timeout.
    long started = System.nanoTime();
    assertThatThrownBy(() -> client.callTool("echo", text("while down")))
        .isInstanceOf(McpClientException.class)
        .satisfies(
            e ->
                assertThat(((McpClientException) e).error())
                    .hasValueSatisfying(
                        error -> assertThat(error.message()).startsWith("upstream child ")));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));

    // Restarted after the backoff (and the breaker's cooldown, if it opened): calls succeed on a
    // new process.
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptionsInstanceOf(McpClientException.class)
        .until(() -> "child: back".equals(client.callTool("echo", text("back")).text()));
    assertThat(pidOf(client)).isNotEqualTo(first);
  }

  @Test
  void aStdioUpstreamThatCannotStartIsNamedAtBuild() {
    UpstreamConfig missing =
        UpstreamConfig.stdio("ghost", List.of(dir.resolve("no-such-program").toString()));
    assertThatThrownBy(() -> McpGateway.builder().upstream(missing).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("upstream ghost cannot be reached or refuses");
  }

  @Test
  void closingTheGatewayStopsTheChild() throws Exception {
    McpGateway gateway =
        McpGateway.builder()
            .upstream(UpstreamConfig.stdio("child", StdioChildServer.command()))
            .build();
    McpClient client = client(serve(gateway), "x");
    ProcessHandle process = ProcessHandle.of(pidOf(client)).orElseThrow();
    gateway.close();
    process.onExit().get(10, TimeUnit.SECONDS);
    assertThat(process.isAlive()).isFalse();
  }
}
