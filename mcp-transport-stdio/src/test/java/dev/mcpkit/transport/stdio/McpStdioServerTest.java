package dev.mcpkit.transport.stdio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.SessionState;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.server.McpEngine;
import dev.mcpkit.api.spi.SessionEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The stdio server in this JVM on OS pipes, spoken to in raw lines. */
class McpStdioServerTest {

  @Test
  void servesAConversationLineByLine() throws Exception {
    SessionManager sessions = StdioTestServer.sessions();
    try (PipedServer server = new PipedServer(StdioTestServer.engine(sessions), b -> b)) {
      server.initialize();
      server.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
      List<String> names = new ArrayList<>();
      server.responseTo(2).at("/result/tools").forEach(t -> names.add(t.path("name").asString()));
      assertThat(names).contains("echo", "progress", "ask");

      server.send(
          "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"progress\","
              + "\"arguments\":{},\"_meta\":{\"progressToken\":\"p\"}}}");
      List<JsonNode> progress = new ArrayList<>();
      JsonNode answer;
      while (true) {
        JsonNode message = server.next();
        if ("notifications/progress".equals(message.path("method").asString(""))) {
          progress.add(message.path("params"));
        } else {
          answer = message;
          break;
        }
      }
      assertThat(progress).hasSize(3);
      assertThat(progress.get(2).path("progressToken").asString()).isEqualTo("p");
      assertThat(answer.path("id").asInt()).isEqualTo(3);
      assertThat(answer.at("/result/content/0/text").asString()).isEqualTo("done");

      server.send(
          "{\"jsonrpc\":\"2.0\",\"id\":\"e\",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
              + "\"arguments\":{\"text\":\"a\\nb\"}}}");
      JsonNode echoed = server.next();
      assertThat(echoed.path("id").asString()).isEqualTo("e");
      assertThat(echoed.at("/result/content/0/text").asString()).isEqualTo("echo: a\nb");
    } finally {
      sessions.close();
    }
  }

  @Test
  void changesThatBelongToNoRequestGoOutAsLines() throws Exception {
    SessionManager sessions = StdioTestServer.sessions();
    McpEngine engine = StdioTestServer.engine(sessions);
    try (PipedServer server = new PipedServer(engine, b -> b)) {
      server.initialize();
      server.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");
      server.responseTo(2); // notifications/initialized, read before the ping, was served

      assertThat(engine.notifications().promptListChanged()).as("sessions reached").isEqualTo(1);
      assertThat(server.next().path("method").asString())
          .isEqualTo("notifications/prompts/list_changed");
    } finally {
      sessions.close();
    }
  }

  @Test
  void anOversizeLineGetsAnErrorAndIsSkipped() throws Exception {
    SessionManager sessions = StdioTestServer.sessions();
    try (PipedServer server =
        new PipedServer(StdioTestServer.engine(sessions), b -> b.maxLineBytes(1024))) {
      server.initialize();
      server.send(
          "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
              + "\"arguments\":{\"text\":\""
              + "y".repeat(100_000)
              + "\"}}}");
      JsonNode refused = server.next();
      assertThat(refused.at("/error/code").asInt()).isEqualTo(JsonRpcError.INVALID_REQUEST);
      assertThat(refused.at("/error/message").asString()).contains("1024 bytes");
      assertThat(refused.path("id").asInt()).as("the id its first bytes hold").isEqualTo(7);

      // An id that comes only after the long member is not known: the error has none.
      server.send(
          "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
              + "\"arguments\":{\"text\":\""
              + "y".repeat(100_000)
              + "\"}},\"id\":9}");
      assertThat(server.next().path("id").isNull()).isTrue();

      server.send("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"ping\"}");
      assertThat(server.next().path("id").asInt()).as("the next line is served").isEqualTo(8);
    } finally {
      sessions.close();
    }
  }

  @Test
  void malformedLinesAndRequestsBeforeInitializeAreAnsweredWithErrors() throws Exception {
    SessionManager sessions = StdioTestServer.sessions();
    try (PipedServer server = new PipedServer(StdioTestServer.engine(sessions), b -> b)) {
      server.send("{not json");
      assertThat(server.next().at("/error/code").asInt()).isEqualTo(JsonRpcError.PARSE_ERROR);

      server.send("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/list\"}");
      JsonNode refused = server.next();
      assertThat(refused.path("id").asInt()).isEqualTo(4);
      assertThat(refused.has("error")).as("no session before initialize: %s", refused).isTrue();

      server.initialize();
      server.send("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\"}");
      assertThat(server.next().path("result").isObject()).isTrue();
    } finally {
      sessions.close();
    }
  }

  @Test
  void theEndOfInputCancelsWhatRunsAndEndsTheSession() throws Exception {
    Map<String, CloseReason> closed = new ConcurrentHashMap<>();
    SessionManager sessions =
        StdioTestServer.sessions(
            (SessionEvent event) -> {
              if (event.to() == SessionState.CLOSED && event.closeReason() != null) {
                closed.put(event.session().id().value(), event.closeReason());
              }
            });
    try (PipedServer server =
        new PipedServer(
            StdioTestServer.engine(sessions), b -> b.drainTimeout(Duration.ofMillis(200)))) {
      server.initialize();
      server.send(
          "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"block\","
              + "\"arguments\":{}}}");
      assertThat(StdioTestServer.BLOCK_STARTED.await(10, TimeUnit.SECONDS)).isTrue();

      server.endInput();

      assertThat(server.awaitServed(Duration.ofSeconds(5)))
          .as("serve() returns soon after the end of input")
          .isTrue();
      assertThat(StdioTestServer.BLOCK_INTERRUPTED.await(5, TimeUnit.SECONDS))
          .as("the call in flight was cancelled")
          .isTrue();
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(() -> assertThat(closed).containsValue(CloseReason.CLIENT_REQUEST));
    } finally {
      sessions.close();
    }
  }
}
