package dev.mcpkit.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.api.server.McpEngine;
import dev.mcpkit.api.spi.transport.IncomingMessages;
import dev.mcpkit.api.spi.transport.RequestHeaders;
import dev.mcpkit.api.spi.transport.TransportEngine;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The HTTP trace context copied into {@code _meta}, and the delegation of everything else. */
class TraceHeaderEngineTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String HEADER = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  private static final String OWN = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

  private static IncomingMessages post(Map<String, String> headers, JsonRpcMessage... messages) {
    RequestHeaders lookup =
        name ->
            headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    return new IncomingMessages(List.of(messages), messages.length > 1, "s", null, null, lookup);
  }

  private static JsonRpcRequest request(long id, String params) {
    return new JsonRpcRequest(
        RequestId.of(id), "tools/call", params == null ? null : JSON.readTree(params));
  }

  private static JsonNode params(IncomingMessages incoming, int index) {
    return ((JsonRpcRequest) incoming.messages().get(index)).params();
  }

  @Test
  void theHeadersContextGoesIntoEachRequestWithoutItsOwnAndNeverReplacesIt() {
    IncomingMessages incoming =
        post(
            Map.of("traceparent", HEADER, "tracestate", "vendor=x"),
            request(1, "{\"name\":\"echo\"}"),
            request(2, "{\"name\":\"echo\",\"_meta\":{\"traceparent\":\"" + OWN + "\"}}"),
            request(3, null),
            new JsonRpcNotification("notifications/initialized", null));

    IncomingMessages carried = TraceHeaderEngine.withHeaderContext(incoming);

    assertThat(params(carried, 0).path("_meta").path("traceparent").asString()).isEqualTo(HEADER);
    assertThat(params(carried, 0).path("_meta").path("tracestate").asString())
        .isEqualTo("vendor=x");
    assertThat(params(carried, 0).path("name").asString()).isEqualTo("echo");
    assertThat(params(carried, 1).path("_meta").path("traceparent").asString()).isEqualTo(OWN);
    assertThat(params(carried, 2).path("_meta").path("traceparent").asString()).isEqualTo(HEADER);
    assertThat(carried.messages().get(3)).isSameAs(incoming.messages().get(3));
    // The client's own params are left alone (they were copied).
    assertThat(params(incoming, 0).has("_meta")).isFalse();
  }

  @Test
  void aPostWithoutTheHeaderPassesAsItIs() {
    IncomingMessages incoming = post(Map.of(), request(1, "{\"name\":\"echo\"}"));

    assertThat(TraceHeaderEngine.withHeaderContext(incoming)).isSameAs(incoming);
  }

  @Test
  void everyMethodOfTheEngineIsDelegatedDefaultsIncluded() throws NoSuchMethodException {
    for (Class<?> type : List.of(TransportEngine.class, McpEngine.class)) {
      for (Method method : type.getMethods()) {
        if (Modifier.isStatic(method.getModifiers())) {
          continue;
        }
        Method declared =
            TraceHeaderEngine.class.getMethod(method.getName(), method.getParameterTypes());
        assertThat(declared.getDeclaringClass())
            .as("%s must be delegated", method)
            .isEqualTo(TraceHeaderEngine.class);
      }
    }
  }
}
