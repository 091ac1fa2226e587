package dev.mcpkit.benchmarks.soak;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The everything server in a child JVM, as {@code ./run-example} runs it: the examples jar and its
 * {@code lib} on the module path, {@code --port 0}, and the MCP endpoint read from the one line it
 * prints on standard output. Its standard error goes to {@code server.log} in the output directory.
 *
 * <p>Not thread-safe: one thread starts and closes it.
 */
final class ServerProcess implements AutoCloseable {
  private static final String ENDPOINT_PREFIX = "MCP endpoint: ";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

  private final Process process;
  private final URI endpoint;

  private ServerProcess(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  /**
   * Starts the server and waits for its endpoint line.
   *
   * @param idleTimeout the sessions' idle timeout ({@code --idle-timeout})
   * @param out the directory for {@code server.log}
   * @throws IOException if the JVM cannot be started
   * @throws InterruptedException if interrupted while waiting
   * @throws IllegalStateException if the jar is missing or the server does not start in time
   */
  static ServerProcess start(Duration idleTimeout, Path out)
      throws IOException, InterruptedException {
    Path jar = Path.of("mcp-examples", "target", "mcp-examples.jar");
    Path lib = Path.of("mcp-examples", "target", "lib");
    if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) {
      throw new IllegalStateException(
          jar
              + " or "
              + lib
              + " is missing: run ./mvnw -q -pl mcp-examples -am package -DskipTests"
              + " from the repository root first (soak.sh does)");
    }
    List<String> command = new ArrayList<>();
    command.add(javaHome().resolve("bin").resolve("java").toString());
    // A fixed heap: a leak shows as growth of the used heap after GC, and ends in an error the run
    // reports rather than a machine out of memory.
    command.addAll(List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC"));
    command.addAll(
        List.of(
            "-p",
            jar + java.io.File.pathSeparator + lib,
            "-m",
            "dev.mcpkit.examples/dev.mcpkit.examples.EverythingServer",
            "--port",
            "0",
            "--idle-timeout",
            Long.toString(idleTimeout.toSeconds())));
    Process process =
        new ProcessBuilder(command)
            .redirectError(out.resolve("server.log").toFile())
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .start();
    CompletableFuture<URI> endpoint = new CompletableFuture<>();
    Thread.ofVirtual()
        .name("server-stdout")
        .start(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  if (line.startsWith(ENDPOINT_PREFIX)) {
                    endpoint.complete(URI.create(line.substring(ENDPOINT_PREFIX.length()).strip()));
                  }
                }
              } catch (IOException | RuntimeException e) {
                endpoint.completeExceptionally(e);
              }
              endpoint.completeExceptionally(
                  new IllegalStateException("the server ended without an endpoint line"));
            });
    try {
      return new ServerProcess(process, endpoint.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    } catch (ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "the everything server did not print its endpoint (see "
              + out.resolve("server.log")
              + ")",
          e);
    }
  }

  static Path javaHome() {
    return Path.of(System.getProperty("java.home"));
  }

  /** The MCP endpoint, e.g. {@code http://127.0.0.1:41234/mcp}. */
  URI endpoint() {
    return endpoint;
  }

  /** The Prometheus scrape endpoint. */
  URI metrics() {
    return endpoint.resolve("/metrics");
  }

  /** The server's process id. */
  long pid() {
    return process.pid();
  }

  /** Whether the server still runs. */
  boolean isAlive() {
    return process.isAlive();
  }

  /** Stops the server (SIGTERM, then SIGKILL after a bound). */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
