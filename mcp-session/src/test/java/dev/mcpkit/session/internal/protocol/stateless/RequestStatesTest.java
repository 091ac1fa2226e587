package dev.mcpkit.session.internal.protocol.stateless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.codec.JsonRpcCodecs;
import dev.mcpkit.session.internal.protocol.ProtocolError;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class RequestStatesTest {
  private final AtomicLong now =
      new AtomicLong(Instant.parse("2026-11-25T12:00:00Z").toEpochMilli());
  private final InstantSource clock = () -> Instant.ofEpochMilli(now.get());
  private final RequestStates states =
      new RequestStates(RequestStates.randomKey(), Duration.ofMinutes(10), clock);

  private static JsonNode json(String text) {
    return JsonRpcCodecs.mapper().readTree(text);
  }

  private static ObjectNode answers() {
    ObjectNode answers = JsonRpcCodecs.nodes().objectNode();
    answers.putObject("step1").put("action", "accept");
    return answers;
  }

  @Test
  void roundTripsTheAnswersForTheSameRequestAndPrincipal() {
    String binding =
        RequestStates.binding(
            "tools/call", json("{\"name\":\"t\",\"arguments\":{\"a\":1,\"b\":[1,2]}}"));
    String state = states.mint(binding, "alice", answers());
    assertThat(states.verify(state, binding, "alice").answers()).isEqualTo(answers());
  }

  @Test
  void theBindingIgnoresKeyOrderMetaAndTheInputFieldsButNotTheArguments() {
    String a =
        RequestStates.binding(
            "tools/call", json("{\"name\":\"t\",\"arguments\":{\"a\":1,\"b\":2.0}}"));
    String b =
        RequestStates.binding(
            "tools/call",
            json(
                "{\"arguments\":{\"b\":2,\"a\":1},\"name\":\"t\",\"_meta\":{\"x\":1},\"requestState\":\"s\",\"inputResponses\":{}}"));
    assertThat(a).isEqualTo(b);
    assertThat(
            RequestStates.binding(
                "tools/call", json("{\"name\":\"t\",\"arguments\":{\"a\":2,\"b\":2}}")))
        .isNotEqualTo(a);
    assertThat(
            RequestStates.binding(
                "prompts/get", json("{\"name\":\"t\",\"arguments\":{\"a\":1,\"b\":2}}")))
        .isNotEqualTo(a);
  }

  @Test
  void refusesForgedExpiredForeignAndMalformedState() {
    String binding = RequestStates.binding("tools/call", json("{\"name\":\"t\"}"));
    String state = states.mint(binding, "alice", answers());
    String payload = state.substring(0, state.indexOf('.'));
    String forgedPayload =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                new String(Base64.getUrlDecoder().decode(payload))
                    .replace("accept", "decline")
                    .getBytes());
    for (String bad :
        java.util.List.of(
            forgedPayload + state.substring(state.indexOf('.')), // payload changed, MAC kept
            state + "-TAMPERED",
            "no-dot",
            "a.b.c",
            "")) {
      assertThatThrownBy(() -> states.verify(bad, binding, "alice"))
          .as(bad)
          .isInstanceOf(ProtocolError.class)
          .satisfies(e -> assertThat(((ProtocolError) e).error().code()).isEqualTo(-32602));
    }
    assertThatThrownBy(() -> states.verify(state, binding, "bob"))
        .hasMessageContaining("another principal");
    assertThatThrownBy(() -> states.verify(state, binding, null))
        .hasMessageContaining("another principal");
    assertThatThrownBy(
            () ->
                states.verify(
                    state, RequestStates.binding("tools/call", json("{\"name\":\"u\"}")), "alice"))
        .hasMessageContaining("another request");
    RequestStates otherServer =
        new RequestStates(RequestStates.randomKey(), Duration.ofMinutes(10), clock);
    assertThatThrownBy(() -> otherServer.verify(state, binding, "alice"))
        .hasMessageContaining("integrity");
    now.addAndGet(Duration.ofMinutes(10).plusMillis(1).toMillis());
    assertThatThrownBy(() -> states.verify(state, binding, "alice"))
        .hasMessageContaining("expired");
  }

  @Test
  void aSharedKeyVerifiesAcrossEngines() {
    byte[] key = RequestStates.randomKey();
    RequestStates nodeA = new RequestStates(key, Duration.ofMinutes(1), clock);
    RequestStates nodeB = new RequestStates(key, Duration.ofMinutes(1), clock);
    String binding = RequestStates.binding("resources/read", json("{\"uri\":\"x\"}"));
    assertThat(nodeB.verify(nodeA.mint(binding, null, answers()), binding, null).answers())
        .isEqualTo(answers());
    assertThatThrownBy(() -> new RequestStates(new byte[16], Duration.ofMinutes(1), clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
  }

  @Test
  void handlesKeepTheAnswersOnTheServerAndAreConsumedAtMostOnceUnderRaces() throws Exception {
    dev.mcpkit.api.SessionManager handles = dev.mcpkit.session.SessionManagers.builder().build();
    try {
      RequestStates handled =
          new RequestStates(RequestStates.randomKey(), Duration.ofMinutes(10), clock, handles);
      String binding = RequestStates.binding("tools/call", json("{\"name\":\"t\"}"));
      for (int round = 0; round < 20; round++) {
        String state = handled.mint(binding, "alice", answers());
        String payload =
            new String(Base64.getUrlDecoder().decode(state.substring(0, state.indexOf('.'))));
        assertThat(payload).doesNotContain("accept").contains("\"h\"");
        int racers = 8;
        java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(racers);
        java.util.concurrent.atomic.AtomicInteger won =
            new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger refused =
            new java.util.concurrent.atomic.AtomicInteger();
        java.util.List<Thread> threads = new java.util.ArrayList<>();
        for (int i = 0; i < racers; i++) {
          threads.add(
              Thread.ofVirtual()
                  .start(
                      () -> {
                        try {
                          barrier.await();
                          assertThat(handled.verify(state, binding, "alice").answers())
                              .isEqualTo(answers());
                          won.incrementAndGet();
                        } catch (ProtocolError e) {
                          refused.incrementAndGet();
                        } catch (Exception e) {
                          throw new IllegalStateException(e);
                        }
                      }));
        }
        for (Thread t : threads) {
          t.join();
        }
        assertThat(won.get()).isEqualTo(1);
        assertThat(refused.get()).isEqualTo(racers - 1);
      }
      assertThatThrownBy(
              () -> handled.verify(handled.mint(binding, "alice", answers()), binding, "bob"))
          .hasMessageContaining("another principal");
    } finally {
      handles.close();
    }
  }
}
