package dev.mcpkit.benchmarks.soak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Samples a server process: heap used after a full GC through {@code jcmd} (the JDK's own tool, no
 * agent in the server), threads and file descriptors from {@code /proc} (Linux), and live sessions
 * by state from the server's Prometheus scrape ({@code mcpkit_server_sessions}).
 *
 * <p>Not thread-safe: one sampler thread uses it.
 */
final class ServerProbe implements AutoCloseable {
  private static final Duration JCMD_TIMEOUT = Duration.ofSeconds(30);

  /** G1's line of {@code GC.heap_info}: "garbage-first heap total ..., used 20480K [...". */
  private static final Pattern HEAP_USED = Pattern.compile("heap.*?used (\\d+)K");

  private static final Pattern THREADS = Pattern.compile("(?m)^Threads:\\s+(\\d+)");

  /** {@code mcpkit_server_sessions{...,mcpkit_session_state="active",...} 12}. */
  private static final Pattern SESSIONS =
      Pattern.compile(
          "(?m)^mcpkit_server_sessions\\{[^}]*mcpkit_session_state=\"(\\w+)\"[^}]*\\}\\s+([0-9.eE+-]+)");

  private final long pid;
  private final URI metrics;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  ServerProbe(long pid, URI metrics) {
    this.pid = pid;
    this.metrics = metrics;
  }

  /** Takes a sample; a part that cannot be read is -1 (and reported as n/a). */
  ServerSample sample() throws InterruptedException {
    long heap = heapAfterFullGc();
    long threads = threads();
    long fds = fds();
    long[] sessions = sessions();
    return new ServerSample(heap, threads, fds, sessions[0], sessions[1], sessions[2]);
  }

  /** Sessions by state only (cheap; no GC). */
  long sessionsOnly() throws InterruptedException {
    long[] sessions = sessions();
    return sessions[0] + sessions[1] + sessions[2];
  }

  private long heapAfterFullGc() throws InterruptedException {
    if (jcmd("GC.run") == null) {
      return -1;
    }
    String info = jcmd("GC.heap_info");
    if (info == null) {
      return -1;
    }
    Matcher used = HEAP_USED.matcher(info);
    return used.find() ? Long.parseLong(used.group(1)) * 1024 : -1;
  }

  private @Nullable String jcmd(String command) throws InterruptedException {
    Path jcmd = ServerProcess.javaHome().resolve("bin").resolve("jcmd");
    try {
      Process process =
          new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), command))
              .redirectErrorStream(true)
              .start();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(JCMD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return null;
      }
      return process.exitValue() == 0 ? new String(output, StandardCharsets.UTF_8) : null;
    } catch (IOException e) {
      return null;
    }
  }

  private long threads() {
    try {
      Matcher matcher =
          THREADS.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
      return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  private long fds() {
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      return fds.count();
    } catch (IOException e) {
      return -1;
    }
  }

  /** initializing, active, draining; -1 each if the scrape fails. */
  private long[] sessions() throws InterruptedException {
    long[] counts = new long[3];
    try {
      HttpResponse<String> scrape =
          http.send(
              HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (scrape.statusCode() != 200) {
        return new long[] {-1, -1, -1};
      }
      Matcher matcher = SESSIONS.matcher(scrape.body());
      while (matcher.find()) {
        long value = (long) Double.parseDouble(matcher.group(2));
        switch (matcher.group(1)) {
          case "initializing" -> counts[0] += value;
          case "active" -> counts[1] += value;
          case "draining" -> counts[2] += value;
          default -> {} // closed sessions are not counted by the gauge
        }
      }
      return counts;
    } catch (IOException e) {
      return new long[] {-1, -1, -1};
    }
  }

  @Override
  public void close() {
    http.shutdownNow();
  }
}
