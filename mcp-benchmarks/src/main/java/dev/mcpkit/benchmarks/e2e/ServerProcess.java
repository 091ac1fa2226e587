package dev.mcpkit.benchmarks.e2e;

import com.nimbusds.jose.JOSEException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The driver's handle on one server JVM ({@link ServerMain}): starts it with the same JVM options
 * as the other servers, reads its port, and asks it for its heap and CPU time over the control
 * channel (its standard input and output). Its standard error goes to {@code <logDir>/<kind>.log}.
 * A server that needs a bearer token gets the authorization server's issuer on its command line,
 * and its {@link #endpoint} carries a token that authorization server signed for it.
 *
 * <p>Not thread-safe: the driver's one thread uses it.
 */
final class ServerProcess implements AutoCloseable {
  private final ServerKind kind;
  private final Process process;
  private final BufferedReader fromServer;
  private final PrintWriter toServer;
  private final Endpoint endpoint;

  private ServerProcess(
      ServerKind kind, Process process, @Nullable LoopbackAuthorizationServer authorizationServer)
      throws IOException, JOSEException {
    this.kind = kind;
    this.process = process;
    this.fromServer =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.toServer = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    // The JVM itself may print to standard output before the server is up (JFR's startup notice);
    // such lines are skipped, a bounded number of them.
    String ready = fromServer.readLine();
    for (int skipped = 0; ready != null && !ready.startsWith("READY ") && skipped < 20; skipped++) {
      System.err.println(kind.label() + " server JVM: " + ready);
      ready = fromServer.readLine();
    }
    if (ready == null || !ready.startsWith("READY ")) {
      process.destroyForcibly();
      throw new IllegalStateException(
          kind.label() + " server did not start (said: " + ready + "); see its log");
    }
    int port = Integer.parseInt(ready.substring("READY ".length()));
    URI uri = URI.create("http://127.0.0.1:" + port + "/mcp");
    this.endpoint =
        authorizationServer == null
            ? Endpoint.open(uri)
            : new Endpoint(uri, "Bearer " + authorizationServer.accessToken(uri));
  }

  /**
   * Starts a server JVM.
   *
   * @param kind which server
   * @param classPath the class path holding this module and its dependencies, absolute entries
   * @param jvmOptions options for the server JVM (heap size, GC), the same for every server
   * @param logDir where the server's standard error goes; also its working directory
   * @param commandPrefix what the command line starts with before {@code java} (CPU pinning), may
   *     be empty
   * @param authorizationServer the authorization server of a kind that {@linkplain
   *     ServerKind#needsBearerToken needs a bearer token}, else null
   */
  static ServerProcess start(
      ServerKind kind,
      String classPath,
      List<String> jvmOptions,
      Path logDir,
      List<String> commandPrefix,
      @Nullable LoopbackAuthorizationServer authorizationServer)
      throws IOException, JOSEException {
    if (kind.needsBearerToken() != (authorizationServer != null)) {
      throw new IllegalArgumentException(
          kind.label() + ": an authorization server is needed exactly when tokens are");
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(commandPrefix);
    command.add(java);
    command.addAll(jvmOptions);
    command.add("-cp");
    if (kind == ServerKind.MCPKIT_BASELINE) {
      // The baseline build's own ServerMain, which may predate this kind: it serves MCPKIT.
      command.add(baselineClassPath());
      command.add(ServerMain.class.getName());
      command.add(ServerKind.MCPKIT.label());
    } else if (kind == ServerKind.MCPKIT_GATEWAY_BASELINE) {
      // The baseline build's gateway, which starts the baseline build's upstream.
      command.add(baselineClassPath());
      command.add(ServerMain.class.getName());
      command.add(ServerKind.MCPKIT_GATEWAY.label());
    } else if (kind == ServerKind.MCPKIT_GATEWAY_TAPES_BASELINE) {
      command.add(baselineClassPath());
      command.add(ServerMain.class.getName());
      command.add(ServerKind.MCPKIT_GATEWAY_TAPES.label());
    } else {
      command.add(classPath);
      command.add(ServerMain.class.getName());
      command.add(kind.label());
    }
    if (authorizationServer != null) {
      command.add(authorizationServer.issuer().toString());
    }
    Process process =
        new ProcessBuilder(command)
            .directory(logDir.toFile())
            .redirectError(logDir.resolve(kind.label() + ".log").toFile())
            .start();
    return new ServerProcess(kind, process, authorizationServer);
  }

  private static String baselineClassPath() {
    String value = System.getenv(ServerKind.BASELINE_CLASS_PATH);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "a baseline kind needs the baseline build's class path in $"
              + ServerKind.BASELINE_CLASS_PATH);
    }
    return java.nio.file.Path.of(value).toAbsolutePath().toString();
  }

  ServerKind kind() {
    return kind;
  }

  long pid() {
    return process.pid();
  }

  /** The MCP endpoint, {@code http://127.0.0.1:PORT/mcp}, with its bearer token if it needs one. */
  Endpoint endpoint() {
    return endpoint;
  }

  /** Used heap of the server JVM after a full GC, in bytes. */
  long usedHeapAfterGc() {
    return ask("heap", "HEAP ");
  }

  /** CPU time the server process used so far, in nanoseconds. */
  long cpuNanos() {
    return ask("cpu", "CPU ");
  }

  /** CPU time of a proxy's upstream process(es) so far, in nanoseconds; -1 if not a proxy. */
  long upstreamCpuNanos() {
    return ask("upstream-cpu", "UPSTREAM-CPU ");
  }

  private long ask(String command, String prefix) {
    toServer.println(command);
    try {
      String line = fromServer.readLine();
      if (line == null || !line.startsWith(prefix)) {
        throw new IllegalStateException(
            kind.label() + " server answered '" + line + "' to " + command);
      }
      return Long.parseLong(line.substring(prefix.length()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    toServer.println("quit");
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
