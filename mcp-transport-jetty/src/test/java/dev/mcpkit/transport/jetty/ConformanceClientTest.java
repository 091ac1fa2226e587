package dev.mcpkit.transport.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The official conformance suite's client scenarios of issue 5 ({@code initialize}, {@code
 * tools_call}, {@code sse-retry}, {@code elicitation-sep1034-client-defaults}) against {@link
 * ConformanceClientMain}, through {@code interop/run-conformance-client.sh}. Fails, never skips,
 * without {@code npm ci}.
 */
class ConformanceClientTest {

  @Test
  void theFourClientScenariosPass() throws IOException, InterruptedException {
    Path interop = null;
    for (Path p = Path.of("").toAbsolutePath(); p != null && interop == null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("interop/run-conformance-client.sh"))) {
        interop = p.resolve("interop");
      }
    }
    if (interop == null
        || !Files.exists(interop.resolve("node_modules/@modelcontextprotocol/conformance"))) {
      fail(
          "interop/node_modules is missing: run (cd interop && npm ci) in the repository root first");
    }
    // The client runs on the class path: the same jars and classes the tests see, in one JVM each.
    List<String> path = new ArrayList<>();
    for (String property : List.of("jdk.module.path", "java.class.path")) {
      String value = System.getProperty(property);
      if (value != null && !value.isBlank()) {
        path.add(value);
      }
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String command =
        java
            + " -XX:TieredStopAtLevel=1 -cp "
            + String.join(File.pathSeparator, path)
            + " "
            + ConformanceClientMain.class.getName();
    Process process =
        new ProcessBuilder("bash", interop.resolve("run-conformance-client.sh").toString(), command)
            .directory(interop.getParent().toFile())
            .redirectErrorStream(true)
            .start();
    StringBuilder output = new StringBuilder();
    Thread pump =
        Thread.ofVirtual()
            .start(
                () -> {
                  try (InputStream in = process.getInputStream()) {
                    for (String line :
                        new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                      System.out.println("[conformance] " + line);
                      output.append(line).append('\n');
                    }
                  } catch (IOException e) {
                    output.append("cannot read the output: ").append(e);
                  }
                });
    if (!process.waitFor(4, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      fail("run-conformance-client.sh did not finish in 4 minutes");
    }
    pump.join();
    assertThat(process.exitValue())
        .as("run-conformance-client.sh exit status; output:\n%s", output)
        .isZero();
  }
}
