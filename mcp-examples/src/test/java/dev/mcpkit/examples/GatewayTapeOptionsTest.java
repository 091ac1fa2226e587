package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's {@code --tapes DIR} and {@code --upstream NAME=tape:FILE}. */
class GatewayTapeOptionsTest {
  @TempDir Path dir;

  @Test
  void tapesAndTapeUpstreamsComeFromTheCommandLine() throws Exception {
    Path tape = Files.writeString(dir.resolve("t.jsonl"), "{\"tape\":\"mcpkit-tape/1\"}\n");

    GatewayOptions options =
        GatewayOptions.parse(
            "--tapes", dir.resolve("out").toString(), "--upstream", "replayed=tape:" + tape);

    assertThat(options.config().tapes()).isNotNull();
    assertThat(options.config().tapes().directory()).isEqualTo(dir.resolve("out"));
    assertThat(options.config().upstreams().get(0).isTape()).isTrue();
    assertThat(options.config().upstreams().get(0).url()).isEqualTo(tape.toUri());
    assertThatThrownBy(() -> GatewayOptions.parse("--upstream", "x=tape:" + dir.resolve("none")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--upstream x: no tape file");
  }
}
