package dev.mcpkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.client.RequestOptions;
import dev.mcpkit.api.server.McpEngine;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.api.spi.McpClientObserver.MetaWriter;
import dev.mcpkit.api.spi.McpServerObserver;
import dev.mcpkit.gateway.GatewayObserver.BreakerState;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import dev.mcpkit.transport.jetty.ClientAuthorization;
import dev.mcpkit.transport.jetty.McpHttpClient;
import dev.mcpkit.transport.jetty.McpHttpServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The gateway's observer and trace context, through a real gateway in front of real mcpkit
 * upstreams on loopback: the client's {@code traceparent} and {@code tracestate} reach the upstream
 * in {@code _meta} (as they are without a tracer, replaced when the observer writes its own; taken
 * from the HTTP headers when the client sends only those), and the observer sees every upstream
 * call with its failure kind, the upstream sessions and the breaker's states.
 */
class GatewayObserverTest {
  private static final String TRACEPARENT =
      "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
  private static final String TRACESTATE = "vendor=opaque";

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

  /** An upstream that records the {@code _meta} of every request it gets, by method. */
  private final class MetaRecordingUpstream {
    final Map<String, List<JsonNode>> metaByMethod = new ConcurrentHashMap<>();
    final URI endpoint;

    MetaRecordingUpstream(String name) {
      JsonNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
      SessionManager sessions = closing(SessionManagers.builder().build());
      McpServerObserver recorder =
          new McpServerObserver() {
            @Override
            public Operation operationStarted(
                String method,
                @Nullable String target,
                dev.mcpkit.api.@Nullable ProtocolVersion version,
                @Nullable JsonNode meta) {
              metaByMethod
                  .computeIfAbsent(method, m -> new CopyOnWriteArrayList<>())
                  .add(meta == null ? JsonNodeFactory.instance.missingNode() : meta.deepCopy());
              return Operation.NONE;
            }
          };
      McpEngine engine =
          McpEngines.builder(
                  McpServerConfig.builder()
                      .serverInfo(name, "1.0.0")
                      .tool(Tool.of("echo", "Echoes.", schema, (a, ctx) -> ToolResult.text(name)))
                      .build(),
                  sessions)
              .observer(recorder)
              .build();
      McpHttpServer server =
          closing(McpHttpServer.builder().engine(engine).host("127.0.0.1").port(0).build());
      server.start();
      this.endpoint = server.endpoint();
    }

    JsonNode lastMeta(String method) {
      List<JsonNode> seen = metaByMethod.getOrDefault(method, List.of());
      assertThat(seen).as("%s requests seen", method).isNotEmpty();
      return seen.getLast();
    }
  }

  private URI serve(McpGateway gateway) {
    closing(gateway);
    McpHttpServer server =
        closing(McpHttpServer.builder().engine(gateway.engine()).host("127.0.0.1").port(0).build());
    server.start();
    return server.endpoint();
  }

  private static ObjectNode withTraceContext(ObjectNode params) {
    params.putObject("_meta").put("traceparent", TRACEPARENT).put("tracestate", TRACESTATE);
    return params;
  }

  private static ObjectNode call(String tool) {
    ObjectNode params = JsonNodeFactory.instance.objectNode().put("name", tool);
    params.putObject("arguments");
    return params;
  }

  @Test
  void theClientsTraceContextReachesTheUpstreamAsItIsWithoutATracer() {
    MetaRecordingUpstream upstream = new MetaRecordingUpstream("alpha");
    McpClient client =
        closing(
            McpHttpClient.builder(
                    serve(
                        McpGateway.builder()
                            .upstream(UpstreamConfig.http("alpha", upstream.endpoint))
                            .build()))
                .build());

    client.request("tools/call", withTraceContext(call("echo")), RequestOptions.defaults());

    JsonNode meta = upstream.lastMeta("tools/call");
    assertThat(meta.path("traceparent").asString()).isEqualTo(TRACEPARENT);
    assertThat(meta.path("tracestate").asString()).isEqualTo(TRACESTATE);
  }

  @Test
  void aClientThatSendsOnlyTheHttpHeaderIsTracedUpstreamToo() {
    MetaRecordingUpstream upstream = new MetaRecordingUpstream("alpha");
    ClientAuthorization traceHeaders =
        new ClientAuthorization() {
          @Override
          public Map<String, String> headers(String method, URI uri) {
            return Map.of("traceparent", TRACEPARENT, "tracestate", TRACESTATE);
          }

          @Override
          public boolean refused(Refusal refusal) {
            return false;
          }
        };
    McpClient client =
        closing(
            McpHttpClient.builder(
                    serve(
                        McpGateway.builder()
                            .upstream(UpstreamConfig.http("alpha", upstream.endpoint))
                            .build()))
                .authorization(traceHeaders)
                .build());

    client.request("tools/call", call("echo"), RequestOptions.defaults());

    JsonNode meta = upstream.lastMeta("tools/call");
    assertThat(meta.path("traceparent").asString()).isEqualTo(TRACEPARENT);
    assertThat(meta.path("tracestate").asString()).isEqualTo(TRACESTATE);
  }

  @Test
  void mergedListingsCarryTheClientsTraceContextToEveryUpstream() {
    MetaRecordingUpstream alpha = new MetaRecordingUpstream("alpha");
    MetaRecordingUpstream beta = new MetaRecordingUpstream("beta");
    McpClient client =
        closing(
            McpHttpClient.builder(
                    serve(
                        McpGateway.builder()
                            .upstream(UpstreamConfig.http("alpha", alpha.endpoint))
                            .upstream(UpstreamConfig.http("beta", beta.endpoint))
                            .build()))
                .build());

    // The gateway asks each upstream with params of its own (pagination): the context still goes.
    client.request(
        "tools/list",
        withTraceContext(JsonNodeFactory.instance.objectNode()),
        RequestOptions.defaults());
    client.request("tools/call", withTraceContext(call("beta__echo")), RequestOptions.defaults());

    assertThat(alpha.lastMeta("tools/list").path("traceparent").asString()).isEqualTo(TRACEPARENT);
    assertThat(beta.lastMeta("tools/list").path("traceparent").asString()).isEqualTo(TRACEPARENT);
    assertThat(beta.lastMeta("tools/call").path("tracestate").asString()).isEqualTo(TRACESTATE);
  }

  @Test
  void anObserverReplacesTheTraceContextWithItsOwnHop() {
    String hop = "00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-01";
    MetaRecordingUpstream upstream = new MetaRecordingUpstream("alpha");
    List<GatewayObserver.Call> calls = new CopyOnWriteArrayList<>();
    GatewayObserver observer =
        new GatewayObserver() {
          @Override
          public UpstreamCall callStarted(Call call, MetaWriter meta) {
            calls.add(call);
            meta.put("traceparent", hop);
            return UpstreamCall.NONE;
          }
        };
    McpClient client =
        closing(
            McpHttpClient.builder(
                    serve(
                        McpGateway.builder()
                            .upstream(UpstreamConfig.http("alpha", upstream.endpoint))
                            .observer(observer)
                            .build()))
                .build());

    client.request("tools/call", withTraceContext(call("echo")), RequestOptions.defaults());

    assertThat(upstream.lastMeta("tools/call").path("traceparent").asString()).isEqualTo(hop);
    assertThat(upstream.lastMeta("tools/call").path("tracestate").asString()).isEqualTo(TRACESTATE);
    GatewayObserver.Call seen = calls.getLast();
    assertThat(seen.upstream()).isEqualTo("alpha");
    assertThat(seen.method()).isEqualTo("tools/call");
    assertThat(seen.target()).isEqualTo("echo");
    assertThat(seen.clientMeta()).isNotNull();
    assertThat(seen.clientMeta().path("traceparent").asString()).isEqualTo(TRACEPARENT);
  }

  /** Records what the gateway reports, as strings in order. */
  private static final class RecordingObserver implements GatewayObserver {
    final List<String> events = new CopyOnWriteArrayList<>();
    final AtomicInteger openSessions = new AtomicInteger();

    @Override
    public UpstreamCall callStarted(Call call, MetaWriter meta) {
      String what = call.upstream() + " " + call.method() + " " + call.target();
      return failure ->
          events.add("call " + what + " -> " + (failure == null ? "ok" : failure.wireName()));
    }

    @Override
    public void upstreamSessionOpened(String upstream) {
      openSessions.incrementAndGet();
      events.add("opened " + upstream);
    }

    @Override
    public void upstreamSessionClosed(String upstream) {
      openSessions.decrementAndGet();
      events.add("closed " + upstream);
    }

    @Override
    public void breakerChanged(String upstream, BreakerState state) {
      events.add("breaker " + upstream + " " + state.wireName());
    }
  }

  @Test
  void theObserverSeesCallsFailuresSessionsAndTheBreaker() {
    TestUpstream fast = closing(new TestUpstream("fast", "only_fast"));
    TestUpstream slow = closing(new TestUpstream("slow", "only_slow"));
    RecordingObserver observer = new RecordingObserver();
    McpClient client =
        McpHttpClient.builder(
                serve(
                    McpGateway.builder()
                        .upstream(fast.config())
                        .upstream(slow.config().withTimeout(Duration.ofMillis(300)))
                        .observer(observer)
                        .build()))
            .build();
    assertThat(observer.events).containsExactly("breaker fast closed", "breaker slow closed");

    client.callTool("fast__echo", JsonNodeFactory.instance.objectNode());
    assertThat(observer.openSessions).hasValue(1);
    // An unknown tool of the upstream: it answers with a JSON-RPC error.
    assertThatThrownBy(
            () -> client.request("tools/call", call("fast__nope"), RequestOptions.defaults()))
        .isInstanceOf(McpClientException.class);
    // Three timeouts open the slow upstream's breaker; the fourth call is refused at once.
    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(() -> client.callTool("slow__slow", JsonNodeFactory.instance.objectNode()))
          .isInstanceOf(McpClientException.class);
    }
    assertThat(observer.openSessions).hasValue(2);

    assertThat(observer.events)
        .containsSubsequence(
            "opened fast",
            "call fast tools/call echo -> ok",
            "call fast tools/call nope -> jsonrpc_error",
            "opened slow",
            "call slow tools/call slow -> timeout",
            "call slow tools/call slow -> timeout",
            "breaker slow open",
            "call slow tools/call slow -> timeout",
            "call slow tools/call slow -> breaker_open");

    client.close(); // DELETE at the gateway closes both upstream sessions
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(observer.openSessions).hasValue(0);
              assertThat(observer.events).contains("closed fast", "closed slow");
            });
  }
}
