package dev.mcpkit.codec.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.McpMethod;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.spi.transport.ParsedBody;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The method of a message read is the canonical string of a known method, or the name as sent. */
class MethodNamesTest {
  private static String methodOf(String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    ParsedBody.Messages messages = (ParsedBody.Messages) JsonRpcReader.read(body, 0, body.length);
    return ((JsonRpcRequest) messages.messages().getFirst()).method();
  }

  private static String request(String method) {
    return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\"}";
  }

  @Test
  void everyKnownMethodIsItsCanonicalString() {
    for (McpMethod method : McpMethod.values()) {
      assertThat(methodOf(request(method.wireName()))).isSameAs(method.wireName());
    }
  }

  @Test
  void escapesAreDecodedBeforeTheLookUp() {
    assertThat(methodOf(request("tools\\/call"))).isSameAs(McpMethod.TOOLS_CALL.wireName());
    assertThat(methodOf(request("tools\\u002Fcall"))).isSameAs(McpMethod.TOOLS_CALL.wireName());
  }

  @Test
  void otherNamesAreReadAsSent() {
    for (String name :
        new String[] {
          "tools/cal", "tools/calls", "Tools/call", "", "x", "tasks/get", "é/ü", "🙂"
        }) {
      assertThat(methodOf(request(name))).isEqualTo(name);
    }
  }
}
