package dev.mcpkit.transport.jetty;

import static dev.mcpkit.transport.jetty.McpTestClient.call;
import static dev.mcpkit.transport.jetty.McpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.SessionId;
import dev.mcpkit.transport.jetty.SseReader.Event;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The SSE part of Streamable HTTP over a real server on loopback: event ids, the GET stream,
 * priming and {@code retry} by the session's negotiated version, keep-alive, polling with
 * resumption (replay, then live), stream separation, bad {@code Last-Event-ID}s and the end of
 * streams with their session or the server. Requests carry {@code MCP-Protocol-Version: 2025-03-26}
 * on 2025-11-25 sessions where the conformance suite does.
 */
class SseStreamsTest {
  private final TestServer server =
      new TestServer(builder -> builder.keepAlive(Duration.ofMillis(100)));
  private final McpTestClient client = new McpTestClient(server.endpoint);

  @AfterEach
  void stop() {
    server.pollFinish.countDown();
    server.close();
  }

  private HttpRequest.Builder asConformance(String sessionId) {
    return client.request(sessionId).setHeader("MCP-Protocol-Version", "2025-03-26");
  }

  private static String progressCall(int id, String token) {
    return "{\"jsonrpc\":\"2.0\",\"id\":"
        + id
        + ",\"method\":\"tools/call\",\"params\":{\"name\":\"progress\","
        + "\"arguments\":{},\"_meta\":{\"progressToken\":\""
        + token
        + "\"}}}";
  }

  @Test
  void theGetStreamCarriesServerInitiatedNotificationsWithIds() {
    String sessionId = client.handshake("2025-11-25");
    try (SseReader get = client.openSse(client.streamRequest(sessionId).build())) {
      assertThat(get.status()).isEqualTo(200);
      assertThat(get.response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
      Event priming = get.nextEvent();
      assertThat(priming.isPriming()).isTrue();
      assertThat(priming.stream()).isEqualTo("get");
      assertThat(priming.retry()).isEqualTo("1000");

      assertThat(server.engine.notifications().resourceListChanged()).isEqualTo(1);

      Event notification = get.nextMessage();
      assertThat(notification.json().path("method").asString())
          .isEqualTo("notifications/resources/list_changed");
      assertThat(notification.stream()).isEqualTo("get");
      assertThat(notification.id()).isNotEqualTo(priming.id());
    }
  }

  @Test
  void idleStreamsGetKeepAliveComments() {
    String sessionId = client.handshake("2025-06-18");
    try (SseReader get = client.openSse(client.streamRequest(sessionId).build())) {
      assertThat(get.status()).isEqualTo(200);
      Event event = get.next();
      assertThat(event.isComment()).as("a 2025-06-18 GET stream starts without priming").isTrue();
      assertThat(event.comment()).isEqualTo("keep-alive");
      assertThat(get.next().isComment()).isTrue();
    }
  }

  @Test
  void a20251125PostStreamStartsWithPrimingAndRetryEvenWhenTheHeaderSaysAnOlderVersion() {
    String sessionId = client.handshake("2025-11-25");
    try (SseReader post = client.postSse(asConformance(sessionId), progressCall(5, "tok"))) {
      assertThat(post.status()).isEqualTo(200);
      Event first = post.nextEvent();
      assertThat(first.isPriming()).isTrue();
      assertThat(first.retry()).isEqualTo("1000");

      List<Event> rest = post.awaitEnd();
      assertThat(rest)
          .allSatisfy(
              event -> {
                assertThat(event.id()).isNotNull();
                assertThat(event.stream()).isEqualTo(first.stream());
                assertThat(event.isPriming()).isFalse();
              });
      assertThat(rest.getLast().json().path("id").asInt()).isEqualTo(5);
      assertThat(rest.getLast().json().at("/result/content/0/text").asString()).isEqualTo("done");
    }
  }

  @Test
  void a20250618PostStreamHasIdsButNoPriming() {
    String sessionId = client.handshake("2025-06-18");
    HttpRequest.Builder request =
        client.request(sessionId).setHeader("MCP-Protocol-Version", "2025-06-18");
    try (SseReader post = client.postSse(request, progressCall(6, "tok"))) {
      List<Event> events = post.awaitEnd();

      assertThat(events).hasSize(5); // three progress, one log, the response
      assertThat(events).noneMatch(Event::isPriming);
      assertThat(events)
          .allSatisfy(
              event -> {
                assertThat(event.id()).isNotNull();
                assertThat(event.retry()).isNull();
              });
      assertThat(events.stream().map(Event::id).distinct()).hasSize(5);
    }
  }

  @Test
  void pollingResumesWithExactlyTheMissedEventsThenTheLiveContinuation() {
    String sessionId = client.handshake("2025-11-25");
    try (SseReader standalone = client.openSse(client.streamRequest(sessionId).build())) {
      assertThat(standalone.nextEvent().isPriming()).isTrue();
      List<Event> seen = new ArrayList<>();

      // The server closes the POST stream after the first log message.
      try (SseReader post = client.postSse(asConformance(sessionId), call(1, "poll", "{}"))) {
        Event priming = post.nextEvent();
        assertThat(priming.isPriming()).isTrue();
        seen.add(priming);
        seen.addAll(post.awaitEnd());
      }
      assertThat(seen).hasSize(2);
      assertThat(seen.get(1).json().at("/params/data").asString()).isEqualTo("before close");
      awaitLatch(server.pollAway);

      // Another stream runs to completion meanwhile: none of its events may show up in the
      // resumption.
      HttpResponse<String> other = client.post(asConformance(sessionId), progressCall(2, "other"));
      assertThat(McpTestClient.events(other.body()).getLast().path("id").asInt()).isEqualTo(2);

      // The resumption arrives before the result exists, while the standalone stream is open.
      HttpRequest resume =
          client.streamRequest(sessionId).header("Last-Event-ID", seen.getLast().id()).build();
      try (SseReader get = client.openSse(resume)) {
        assertThat(get.status()).isEqualTo(200);
        Event away1 = get.nextEvent();
        Event away2 = get.nextEvent();
        assertThat(List.of(away1, away2))
            .extracting(event -> event.json().at("/params/data").asString())
            .containsExactly("away 1", "away 2");

        server.pollFinish.countDown();

        List<Event> live = get.awaitEnd();
        assertThat(live).hasSize(2);
        assertThat(live.get(0).json().at("/params/data").asString()).isEqualTo("live");
        assertThat(live.get(1).json().path("id").asInt()).isEqualTo(1);
        assertThat(live.get(1).json().at("/result/content/0/text").asString()).isEqualTo("polled");

        List<Event> all = new ArrayList<>(seen);
        all.addAll(List.of(away1, away2));
        all.addAll(live);
        assertThat(all).extracting(Event::stream).containsOnly(seen.getFirst().stream());
        assertThat(all.stream().map(Event::id).distinct()).hasSize(all.size());
      }
    }
  }

  @Test
  void pollingWorksOverH2cWhereThePostAndTheResumptionShareAConnection() {
    McpTestClient h2 = new McpTestClient(server.endpoint, HttpClient.Version.HTTP_2);
    // The JDK client upgrades cleartext connections with a body-less request; later ones reuse it.
    assertThat(
            h2.send(HttpRequest.newBuilder(server.endpoint.resolve("/health")).build())
                .statusCode())
        .isEqualTo(200);
    String sessionId = h2.handshake("2025-11-25");
    Event last;
    try (SseReader post = h2.postSse(h2.request(sessionId), call(4, "poll", "{}"))) {
      assertThat(post.response.version()).isEqualTo(HttpClient.Version.HTTP_2);
      assertThat(post.response.headers().firstValue("Connection")).isEmpty();
      List<Event> events = post.awaitEnd();
      assertThat(events).hasSize(2); // priming, "before close"
      last = events.getLast();
    }
    awaitLatch(server.pollAway);

    try (SseReader get =
        h2.openSse(h2.streamRequest(sessionId).header("Last-Event-ID", last.id()).build())) {
      assertThat(get.nextEvent().json().at("/params/data").asString()).isEqualTo("away 1");
      assertThat(get.nextEvent().json().at("/params/data").asString()).isEqualTo("away 2");
      server.pollFinish.countDown();
      List<Event> live = get.awaitEnd();
      assertThat(live)
          .extracting(
              event ->
                  event.json().has("method")
                      ? event.json().at("/params/data").asString()
                      : event.json().at("/result/content/0/text").asString())
          .containsExactly("live", "polled");
    }
  }

  @Test
  void aResumptionAfterTheResultWasStoredReplaysEverythingAfterTheIdAndEnds() {
    String sessionId = client.handshake("2025-11-25");
    server.pollFinish.countDown(); // the call runs to its end without waiting
    Event priming;
    try (SseReader post = client.postSse(asConformance(sessionId), call(3, "poll", "{}"))) {
      priming = post.nextEvent();
      assertThat(priming.isPriming()).isTrue();
      assertThat(post.awaitEnd()).hasSize(1);
    }

    HttpRequest resume =
        client.streamRequest(sessionId).header("Last-Event-ID", priming.id()).build();
    try (SseReader get = client.openSse(resume)) {
      List<Event> events = get.awaitEnd();
      assertThat(events)
          .extracting(
              event ->
                  event.json().has("method")
                      ? event.json().at("/params/data").asString()
                      : event.json().at("/result/content/0/text").asString())
          .containsExactly("before close", "away 1", "away 2", "live", "polled");
    }

    // The response was delivered: the stream is gone, and resuming it again is refused.
    HttpResponse<String> again =
        client.send(client.streamRequest(sessionId).header("Last-Event-ID", priming.id()).build());
    assertThat(again.statusCode()).isEqualTo(400);
  }

  @Test
  void concurrentStreamsOfASessionNeverShareAnEvent() throws Exception {
    String sessionId = client.handshake("2025-11-25");
    try (SseReader standalone = client.openSse(client.streamRequest(sessionId).build())) {
      Event standalonePriming = standalone.nextEvent();
      CompletableFuture<HttpResponse<String>> a =
          client.sendAsync(
              asConformance(sessionId)
                  .POST(HttpRequest.BodyPublishers.ofString(progressCall(10, "a")))
                  .build());
      CompletableFuture<HttpResponse<String>> b =
          client.sendAsync(
              asConformance(sessionId)
                  .POST(HttpRequest.BodyPublishers.ofString(progressCall(11, "b")))
                  .build());
      server.engine.notifications().resourceListChanged();

      Set<String> streams = new HashSet<>();
      Set<String> ids = new HashSet<>();
      for (var pair : List.of(List.of(a, "a", 10), List.of(b, "b", 11))) {
        @SuppressWarnings("unchecked")
        HttpResponse<String> response =
            ((CompletableFuture<HttpResponse<String>>) pair.get(0)).get(10, TimeUnit.SECONDS);
        List<String> idLines =
            response
                .body()
                .lines()
                .filter(line -> line.startsWith("id: "))
                .map(line -> line.substring(4))
                .toList();
        assertThat(idLines).hasSize(6); // priming, three progress, one log, the response
        assertThat(idLines)
            .extracting(id -> id.substring(0, id.indexOf(':')))
            .containsOnly(idLines.getFirst().substring(0, idLines.getFirst().indexOf(':')));
        streams.add(idLines.getFirst().substring(0, idLines.getFirst().indexOf(':')));
        ids.addAll(idLines);
        for (JsonNode message : McpTestClient.events(response.body())) {
          if (message.has("method")
              && message.path("method").asString().equals("notifications/progress")) {
            assertThat(message.at("/params/progressToken").asString()).isEqualTo(pair.get(1));
          } else if (!message.has("method")) {
            assertThat(message.path("id").asInt()).isEqualTo(pair.get(2));
          }
          assertThat(message.path("method").asString(""))
              .isNotEqualTo("notifications/resources/list_changed");
        }
      }
      Event notification = standalone.nextMessage();
      assertThat(notification.json().path("method").asString())
          .isEqualTo("notifications/resources/list_changed");
      ids.add(standalonePriming.id());
      ids.add(notification.id());

      assertThat(streams).hasSize(2).doesNotContain("get");
      assertThat(ids).hasSize(14);
    }
  }

  @Test
  void aLastEventIdThatResumesNothingGets400WithAJsonRpcError() {
    String sessionId = client.handshake("2025-11-25");
    String otherSession = client.handshake("2025-11-25");
    String foreignId;
    try (SseReader other = client.openSse(client.streamRequest(otherSession).build())) {
      foreignId = other.nextEvent().id();
    }

    for (String lastEventId : List.of("garbled", "p1:00", "p999:3", foreignId)) {
      HttpResponse<String> response =
          client.send(client.streamRequest(sessionId).header("Last-Event-ID", lastEventId).build());
      assertThat(response.statusCode()).as(lastEventId).isEqualTo(400);
      assertThat(json(response).at("/error/code").asInt()).isEqualTo(-32600);
    }
  }

  @Test
  void getFollowsTheSessionAndAcceptRules() {
    String sessionId = client.handshake("2025-11-25");

    HttpResponse<String> jsonOnly =
        client.send(
            client.streamRequest(sessionId).setHeader("Accept", "application/json").build());
    HttpResponse<String> noSession =
        client.send(
            HttpRequest.newBuilder(server.endpoint)
                .header("Accept", "text/event-stream")
                .GET()
                .build());
    HttpResponse<String> unknown = client.send(client.streamRequest("no-such-session").build());
    HttpResponse<String> badVersion =
        client.send(
            client
                .streamRequest(sessionId)
                .setHeader("MCP-Protocol-Version", "1999-01-01")
                .build());

    assertThat(jsonOnly.statusCode()).isEqualTo(406);
    assertThat(noSession.statusCode()).isEqualTo(400);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(badVersion.statusCode()).isEqualTo(400);
    for (HttpResponse<String> response : List.of(jsonOnly, noSession, unknown, badVersion)) {
      assertThat(json(response).at("/error/code").asInt()).isEqualTo(-32600);
    }

    try (SseReader first = client.openSse(client.streamRequest(sessionId).build())) {
      Event priming = first.nextEvent();
      HttpResponse<String> second = client.send(client.streamRequest(sessionId).build());
      assertThat(second.statusCode()).isEqualTo(409);
      assertThat(json(second).at("/error/code").asInt()).isEqualTo(-32600);

      // Resuming the standalone stream takes it over instead.
      try (SseReader resumed =
          client.openSse(
              client.streamRequest(sessionId).header("Last-Event-ID", priming.id()).build())) {
        assertThat(resumed.status()).isEqualTo(200);
        assertThat(first.awaitEnd()).isEmpty();
        server.engine.notifications().resourceListChanged();
        assertThat(resumed.nextMessage().json().path("method").asString())
            .isEqualTo("notifications/resources/list_changed");
      }
    }
  }

  @Test
  void deleteEndsTheGetStream() {
    String sessionId = client.handshake("2025-11-25");
    try (SseReader get = client.openSse(client.streamRequest(sessionId).build())) {
      assertThat(get.nextEvent().isPriming()).isTrue();

      HttpResponse<String> deleted = client.send(client.request(sessionId).DELETE().build());

      assertThat(deleted.statusCode()).isEqualTo(200);
      assertThat(get.awaitEnd()).isEmpty();
      assertThat(client.send(client.streamRequest(sessionId).build()).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void aSessionClosedByTheServerEndsItsGetStream() {
    String sessionId = client.handshake("2025-11-25");
    try (SseReader get = client.openSse(client.streamRequest(sessionId).build())) {
      assertThat(get.nextEvent().isPriming()).isTrue();

      // As expiry, eviction or shutdown do: not through the transport.
      assertThat(server.sessions.close(SessionId.of(sessionId), CloseReason.IDLE_EXPIRED)).isTrue();

      assertThat(get.awaitEnd()).isEmpty();
    }
  }

  @Test
  void stoppingTheServerEndsTheGetStreamsPromptly() {
    String sessionId = client.handshake("2025-11-25");
    try (SseReader get = client.openSse(client.streamRequest(sessionId).build())) {
      assertThat(get.nextEvent().isPriming()).isTrue();
      long start = System.nanoTime();

      server.close();

      assertThat(get.awaitEnd()).isEmpty();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }
  }

  private static void awaitLatch(java.util.concurrent.CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
