package dev.mcpkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.jsonrpc.JsonRpcResponse;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.api.spi.transport.IncomingMessages;
import dev.mcpkit.api.spi.transport.Outcome;
import dev.mcpkit.api.spi.transport.TransportEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The gateway's requests through {@link TransportEngine#postLater}: with one HTTP upstream every
 * catalogue request is answered later (the first of a session opening the upstream session on a
 * thread of its own, the next ones without one), with the same answers as {@code post}; with
 * several upstreams none is.
 */
class GatewayLaterTest {
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

  private static String open(TransportEngine engine) {
    ObjectNode params = JsonNodeFactory.instance.objectNode().put("protocolVersion", "2025-11-25");
    params.putObject("capabilities");
    params.putObject("clientInfo").put("name", "test").put("version", "1");
    Outcome.Answered answered =
        (Outcome.Answered)
            engine.post(
                new IncomingMessages(
                    List.of(new JsonRpcRequest(RequestId.of(0), "initialize", params)),
                    false,
                    null,
                    null,
                    null),
                message -> {});
    String session = answered.newSession().value();
    engine.post(
        new IncomingMessages(
            List.of(new JsonRpcNotification("notifications/initialized", null)),
            false,
            session,
            "2025-11-25",
            null),
        message -> {});
    return session;
  }

  private static @Nullable CompletionStage<Outcome> later(
      TransportEngine engine, String session, JsonRpcMessage message) {
    return engine.postLater(
        new IncomingMessages(List.of(message), false, session, "2025-11-25", null), message1 -> {});
  }

  private static JsonRpcRequest echo(int id, String text) {
    ObjectNode params = JsonNodeFactory.instance.objectNode().put("name", "echo");
    params.putObject("arguments").put("text", text);
    return new JsonRpcRequest(RequestId.of(id), "tools/call", params);
  }

  private static String text(CompletionStage<Outcome> stage) throws Exception {
    Outcome.Answered answered =
        (Outcome.Answered) stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    return ((JsonRpcResponse) answered.responses().getFirst())
        .result()
        .at("/content/0/text")
        .asString();
  }

  @Test
  void withOneHttpUpstreamEveryCatalogueRequestIsAnsweredLater() throws Exception {
    TestUpstream upstream = closing(new TestUpstream("alpha", "only_alpha"));
    TransportEngine engine =
        TransportEngine.of(
            closing(McpGateway.builder().upstream(upstream.config()).build()).engine());
    String session = open(engine);

    // The first opens the upstream session (on a thread of its own); the next reuse it.
    CompletionStage<Outcome> first = later(engine, session, echo(1, "one"));
    assertThat(first).isNotNull();
    assertThat(text(first)).isEqualTo("alpha: one");
    for (int i = 2; i <= 20; i++) {
      CompletionStage<Outcome> next = later(engine, session, echo(i, "n" + i));
      assertThat(next).isNotNull();
      assertThat(text(next)).isEqualTo("alpha: n" + i);
    }
    CompletionStage<Outcome> listed =
        later(engine, session, new JsonRpcRequest(RequestId.of(30), "tools/list", null));
    assertThat(listed).isNotNull();
    Outcome.Answered answered =
        (Outcome.Answered) listed.toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(((JsonRpcResponse) answered.responses().getFirst()).result().get("tools"))
        .hasSize(3);
    assertThat(upstream.sessions.size()).isEqualTo(1);
  }

  @Test
  void withSeveralUpstreamsRequestsAreLeftToPost() throws Exception {
    TestUpstream alpha = closing(new TestUpstream("alpha", "only_alpha"));
    TestUpstream beta = closing(new TestUpstream("beta", "only_beta"));
    TransportEngine engine =
        TransportEngine.of(
            closing(McpGateway.builder().upstream(alpha.config()).upstream(beta.config()).build())
                .engine());
    String session = open(engine);

    assertThat(later(engine, session, echo(1, "one"))).isNull();
  }
}
