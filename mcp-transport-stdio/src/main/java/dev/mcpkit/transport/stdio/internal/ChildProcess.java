package dev.mcpkit.transport.stdio.internal;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server started as a child process: its standard error is logged line by line (logger {@code
 * dev.mcpkit.transport.stdio.child}, at INFO, prefixed with the server's name), and {@link
 * #stop(Duration)} ends it politely first: standard input closed, then SIGTERM after the grace
 * period, then SIGKILL.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class ChildProcess {
  private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);
  private static final Logger CHILD = LoggerFactory.getLogger("dev.mcpkit.transport.stdio.child");
  private static final int MAX_STDERR_LINE = 16 * 1024;

  private final Process process;
  private final String name;
  private final CompletableFuture<Integer> exited = new CompletableFuture<>();

  private ChildProcess(Process process, String name) {
    this.process = process;
    this.name = name;
  }

  /**
   * Starts the command.
   *
   * @param command the program and its arguments
   * @param environment variables added to (or replacing) the inherited ones
   * @param directory the working directory, or {@code null} for the current one
   * @param name what the log calls the server
   * @return the running child
   * @throws IOException if it cannot be started
   */
  public static ChildProcess start(
      List<String> command, Map<String, String> environment, @Nullable Path directory, String name)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    builder.redirectErrorStream(false);
    Process process = builder.start();
    ChildProcess child = new ChildProcess(process, requireNonNull(name, "name"));
    // A platform thread: a virtual one blocked reading a pipe holds its carrier (the read is not
    // compensated), and the reader and this pump together took both carriers of a 2-core machine,
    // starving every other virtual thread of the process (seen as a stalled gateway).
    Thread.ofPlatform().daemon(true).name("mcp-stdio-stderr").start(child::pumpStderr);
    process
        .onExit()
        .whenComplete((p, failure) -> child.exited.complete(failure == null ? p.exitValue() : -1));
    return child;
  }

  /**
   * Returns the child's standard input.
   *
   * @return the stream the client writes to
   */
  public java.io.OutputStream stdin() {
    return process.getOutputStream();
  }

  /**
   * Returns the child's standard output.
   *
   * @return the stream the client reads
   */
  public InputStream stdout() {
    return process.getInputStream();
  }

  /**
   * Returns a future completed with the exit status when the child ended.
   *
   * @return the future; completing it has no effect on the child
   */
  public CompletableFuture<Integer> exited() {
    return exited;
  }

  /**
   * Returns the process id.
   *
   * @return the pid
   */
  public long pid() {
    return process.pid();
  }

  /**
   * Ends the child: closes its standard input and waits up to {@code grace}, then SIGTERM and waits
   * up to {@code grace} again, then SIGKILL (its descendants too). Idempotent.
   *
   * @param grace how long each polite step may take
   */
  public void stop(Duration grace) {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      LOG.debug("closing the stdin of {} failed", name, e);
    }
    boolean interrupted = false;
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.debug("{} is still running after its stdin closed; terminating it", name);
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
          LOG.warn("{} ignored SIGTERM for {}; killing it", name, grace);
        }
      }
    } catch (InterruptedException e) {
      interrupted = true;
    }
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void pumpStderr() {
    try (InputStream err = process.getErrorStream()) {
      LineReader reader = new LineReader(err, MAX_STDERR_LINE);
      for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
        if (line.oversize()) {
          CHILD.info("[{}] (a line over {} bytes was left out)", name, MAX_STDERR_LINE);
        } else {
          CHILD.info(
              "[{}] {}", name, new String(line.bytes(), 0, line.length(), StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      LOG.debug("reading the stderr of {} ended", name, e);
    }
  }
}
