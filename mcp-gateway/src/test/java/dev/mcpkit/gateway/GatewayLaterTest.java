package dev.mcpkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcErrorResponse;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The gateway's requests through {@link TransportEngine#postLater}: with one HTTP upstream every
 * catalogue request is answered later (the first of a session opening the upstream session on a
 * thread of its own, the next ones without one), with the same answers as {@code post}; with
 * several, tool calls and prompt gets (routed by their exposed names) and resource reads (by the
 * URI's upstream) are, listings are not. A request answered without a waiting thread is completed
 * by the HTTP client's I/O thread, one served by the blocking path by the virtual thread that ran
 * it: the tests tell the two apart by that.
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
    return call(id, "echo", text);
  }

  private static JsonRpcRequest call(int id, String tool, String text) {
    ObjectNode params = JsonNodeFactory.instance.objectNode().put("name", tool);
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

  /**
   * Whether the stage completed on a virtual thread; {@code slow}'s answer waits for {@code go}.
   */
  private static boolean completedOnVirtualThread(CompletionStage<Outcome> stage, TestUpstream go)
      throws Exception {
    AtomicReference<Boolean> virtual = new AtomicReference<>();
    CompletableFuture<Outcome> seen =
        stage
            .toCompletableFuture()
            .whenComplete((outcome, failure) -> virtual.set(Thread.currentThread().isVirtual()));
    assertThat(seen).isNotDone(); // so the callback runs on the thread that completes it
    go.release.countDown();
    seen.get(10, TimeUnit.SECONDS);
    return virtual.get();
  }

  @Test
  void anOpenUpstreamSessionIsAnsweredWithoutAWaitingThread() throws Exception {
    TestUpstream upstream = closing(new TestUpstream("alpha", "only_alpha"));
    TransportEngine engine =
        TransportEngine.of(
            closing(McpGateway.builder().upstream(upstream.config()).build()).engine());
    String session = open(engine);
    assertThat(text(later(engine, session, echo(1, "one")))).isEqualTo("alpha: one");

    CompletionStage<Outcome> slow = later(engine, session, call(2, "slow", "x"));
    assertThat(completedOnVirtualThread(slow, upstream)).isFalse();
    assertThat(text(slow)).isEqualTo("alpha: slow");
  }

  @Test
  void withSeveralUpstreamsToolCallsAreAnsweredLaterByTheirUpstream() throws Exception {
    TestUpstream alpha = closing(new TestUpstream("alpha", "only_alpha"));
    TestUpstream beta = closing(new TestUpstream("beta", "only_beta"));
    TransportEngine engine =
        TransportEngine.of(
            closing(McpGateway.builder().upstream(alpha.config()).upstream(beta.config()).build())
                .engine());
    String session = open(engine);

    // Routed by the name's prefix (no listing yet); each first call opens its upstream session.
    assertThat(text(later(engine, session, call(1, "alpha__echo", "one")))).isEqualTo("alpha: one");
    assertThat(text(later(engine, session, call(2, "beta__only_beta", "two"))))
        .isEqualTo("beta: only_beta");
    // Then without a waiting thread, to the upstream the name leads to.
    CompletionStage<Outcome> slow = later(engine, session, call(3, "beta__slow", "x"));
    assertThat(completedOnVirtualThread(slow, beta)).isFalse();
    assertThat(text(slow)).isEqualTo("beta: slow");
    assertThat(text(later(engine, session, call(4, "alpha__echo", "four"))))
        .isEqualTo("alpha: four");
    assertThat(alpha.sessions.size()).isEqualTo(1);
    assertThat(beta.sessions.size()).isEqualTo(1);

    // A prompt, by its exposed name, from its upstream.
    ObjectNode greet = JsonNodeFactory.instance.objectNode().put("name", "beta__greet");
    CompletionStage<Outcome> prompt =
        later(engine, session, new JsonRpcRequest(RequestId.of(40), "prompts/get", greet));
    assertThat(prompt).isNotNull();
    Outcome.Answered promptAnswer =
        (Outcome.Answered) prompt.toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(
            ((JsonRpcResponse) promptAnswer.responses().getFirst())
                .result()
                .at("/messages/0/content/text")
                .asString())
        .isEqualTo("hello from beta");

    // Listings ask every upstream: left to post.
    assertThat(later(engine, session, new JsonRpcRequest(RequestId.of(5), "tools/list", null)))
        .isNull();
    engine.post(
        new IncomingMessages(
            List.of(new JsonRpcRequest(RequestId.of(50), "resources/list", null)),
            false,
            session,
            "2025-11-25",
            null),
        message -> {});
    // A listed resource is read later from the upstream that listed it.
    ObjectNode read = JsonNodeFactory.instance.objectNode().put("uri", "test://beta/motd");
    CompletionStage<Outcome> motd =
        later(engine, session, new JsonRpcRequest(RequestId.of(51), "resources/read", read));
    assertThat(motd).isNotNull();
    Outcome.Answered readAnswer =
        (Outcome.Answered) motd.toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(
            ((JsonRpcResponse) readAnswer.responses().getFirst())
                .result()
                .at("/contents/0/text")
                .asString())
        .isEqualTo("from beta");
    // A name that leads nowhere is answered as post answers it.
    CompletionStage<Outcome> unknown = later(engine, session, call(6, "gamma__echo", "x"));
    assertThat(unknown).isNotNull();
    Outcome.Answered answered =
        (Outcome.Answered) unknown.toCompletableFuture().get(10, TimeUnit.SECONDS);
    JsonRpcErrorResponse error = (JsonRpcErrorResponse) answered.responses().getFirst();
    assertThat(error.error().code()).isEqualTo(JsonRpcError.INVALID_PARAMS);
    assertThat(error.error().message()).isEqualTo("Unknown tool: gamma__echo");
  }
}
