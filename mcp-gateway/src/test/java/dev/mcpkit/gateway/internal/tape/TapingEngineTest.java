package dev.mcpkit.gateway.internal.tape;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.jsonrpc.JsonRpcResponse;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.api.server.McpEngine;
import dev.mcpkit.api.spi.transport.IncomingMessages;
import dev.mcpkit.api.spi.transport.MessageSink;
import dev.mcpkit.api.spi.transport.Outcome;
import dev.mcpkit.api.spi.transport.TransportEngine;
import dev.mcpkit.gateway.tape.TapeSettings;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The client side of a session on its tape, and nothing of sessions not recorded. */
class TapingEngineTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path directory;

  /** An engine that opens session "s1" at initialize, streams a log message, answers {}. */
  private static TransportEngine engine() {
    return (TransportEngine)
        Proxy.newProxyInstance(
            TransportEngine.class.getClassLoader(),
            new Class<?>[] {TransportEngine.class},
            (proxy, method, args) -> {
              if (!method.getName().equals("post")) {
                return method.getName().equals("delete") ? new Outcome.Accepted() : null;
              }
              IncomingMessages incoming = (IncomingMessages) args[0];
              MessageSink sink = (MessageSink) args[1];
              JsonRpcRequest request = (JsonRpcRequest) incoming.messages().get(0);
              sink.send(new JsonRpcNotification("notifications/message", JSON.readTree("{}")));
              return new Outcome.Answered(
                  List.of(new JsonRpcResponse(request.id(), JSON.readTree("{}"))),
                  false,
                  request.method().equals("initialize") ? SessionId.of("s1") : null);
            });
  }

  private static IncomingMessages post(String sessionId, String method) {
    Map<String, String> headers = Map.of("authorization", "Bearer abc", "user-agent", "ua");
    return new IncomingMessages(
        List.of(new JsonRpcRequest(RequestId.of(1), method, JSON.readTree("{}"))),
        false,
        sessionId,
        "2025-11-25",
        null,
        headers::get);
  }

  private static List<JsonNode> lines(Path file) throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  @Test
  void aSessionIsRecordedFromItsInitializeAndOthersPassUnrecorded() throws Exception {
    TapeRecorder recorder = new TapeRecorder(TapeSettings.of(directory));
    TapingEngine taping = new TapingEngine(engine(), recorder);
    List<JsonRpcMessage> sent = new ArrayList<>();

    taping.post(post(null, "initialize"), sent::add);
    taping.post(post("s1", "tools/list"), sent::add);
    taping.post(post("unknown", "tools/list"), sent::add);
    taping.delete("s1", null);
    recorder.sessionClosed("s1");
    recorder.close();

    assertThat(sent).as("the sink still gets every message").hasSize(3);
    List<Path> tapes;
    try (Stream<Path> files = Files.list(directory)) {
      tapes = files.toList();
    }
    assertThat(tapes).hasSize(1);
    List<JsonNode> lines = lines(tapes.get(0));
    assertThat(lines)
        .extracting(
            l ->
                l.path("dir").asString("")
                    + " "
                    + l.at("/message/method").asString(l.has("delete") ? "DELETE" : "")
                    + l.path("end").asString(""))
        .containsExactly(
            " ",
            "client-to-gateway initialize",
            "gateway-to-client ",
            "client-to-gateway tools/list",
            "gateway-to-client notifications/message",
            "gateway-to-client ",
            "client-to-gateway DELETE",
            " closed");
    assertThat(lines.get(1).at("/headers/authorization").asString()).isEqualTo("[REDACTED]");
    assertThat(lines.get(1).at("/headers/user-agent").asString()).isEqualTo("ua");
    assertThat(Files.readString(tapes.get(0))).doesNotContain("Bearer abc");
  }

  @Test
  void everyMethodOfTheEngineIsDelegatedDefaultsIncluded() throws NoSuchMethodException {
    for (Class<?> type : List.of(TransportEngine.class, McpEngine.class)) {
      for (Method method : type.getMethods()) {
        if (Modifier.isStatic(method.getModifiers())) {
          continue;
        }
        Method declared =
            TapingEngine.class.getMethod(method.getName(), method.getParameterTypes());
        assertThat(declared.getDeclaringClass())
            .as("%s must be delegated", method)
            .isEqualTo(TapingEngine.class);
      }
    }
  }
}
