package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code --stdio}: parsed as a flag, and HelloServer then speaks nothing but MCP on stdout. */
class StdioFlagTest {

  @Test
  void theFlagTakesNoValue() {
    ServerOptions options = ServerOptions.parse("--stdio", "--idle-timeout", "20");
    assertThat(options.stdio()).isTrue();
    assertThat(options.idleTimeout()).hasSeconds(20);
    assertThat(ServerOptions.parse().stdio()).isFalse();
    assertThatThrownBy(() -> ServerOptions.parse("--stdio", "--auth-issuer", "http://a.example"))
        .hasMessageContaining("--stdio");
  }

  @Test
  void helloServerOverStdioAnswersOnStdoutAndExitsAtTheEndOfInput() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> path = new ArrayList<>();
    for (String property : List.of("jdk.module.path", "java.class.path")) {
      String value = System.getProperty(property);
      if (value != null && !value.isBlank()) {
        path.add(value);
      }
    }
    Process process =
        new ProcessBuilder(
                java,
                "-cp",
                String.join(File.pathSeparator, path),
                HelloServer.class.getName(),
                "--stdio")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(
          ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                  + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":"
                  + "\"1\"}}}\n"
                  + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
                  + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
                  + "\"greet\",\"arguments\":{\"name\":\"stdio\"}}}\n")
              .getBytes(StandardCharsets.UTF_8));
    } // the end of input: the server answers what it read, then exits
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited at the end of input").isTrue();
    assertThat(process.exitValue()).isZero();

    List<String> lines = stdout.lines().toList();
    assertThat(lines).as("only the two answers, no 'MCP endpoint:' line").hasSize(2);
    JsonMapper json = JsonMapper.builder().build();
    JsonNode greeted = json.readTree(lines.get(1));
    assertThat(json.readTree(lines.get(0)).at("/result/serverInfo/name").asString())
        .isEqualTo("hello");
    // greet is a typed tool: its Greeting record as structuredContent, and as JSON text beside it.
    assertThat(greeted.at("/result/structuredContent/message").asString())
        .isEqualTo("Hello, stdio!");
  }
}
