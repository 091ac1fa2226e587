package dev.mcpkit.transport.stdio;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.server.McpEngine;
import dev.mcpkit.api.spi.transport.TransportEngine;
import dev.mcpkit.transport.stdio.internal.ServerLoop;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Serves an {@link McpEngine} over stdio: newline-delimited JSON-RPC on an input and an output
 * stream, by default the process's {@code System.in} and {@code System.out}. Standard output is the
 * protocol: log to standard error only (SLF4J's simple logger does by default).
 *
 * {@snippet :
 * McpEngine engine = McpEngines.create(config, SessionManagers.builder().build());
 * McpStdioServer.builder(engine).build().serve(); // returns when stdin ends
 * }
 *
 * <p>The transport has no session ids: the connection is one session, created by the client's
 * {@code initialize} and ended when the input ends. A message is one line (a JSON object, or an
 * array for a batch where the protocol version allows them); a line longer than {@link
 * Builder#maxLineBytes(int)} is answered with a JSON-RPC error (with the request's id when its
 * first bytes hold one) and skipped, never buffered whole. Requests that may block run on virtual
 * threads of their own, so a tool waiting for the client's answer to a sampling request does not
 * stop the answer from being read. Progress, log messages, list changes and the server's requests
 * to the client go out on the output as they happen; lines are written whole, by one writer at a
 * time. At the end of the input, requests still running get {@link Builder#drainTimeout(Duration)}
 * to finish, then the session is ended (which cancels the rest) and {@link #serve()} returns.
 *
 * <p>The session is touched every {@link Builder#keepAlive(Duration)} so that it lives as long as
 * the process, whatever idle timeout the engine's sessions have.
 *
 * <p>Thread-safety: {@link #serve()} is called once, from one thread; {@link #close()} from any.
 */
public final class McpStdioServer implements AutoCloseable {
  private final ServerLoop loop;
  private final AtomicBoolean served = new AtomicBoolean();

  private McpStdioServer(ServerLoop loop) {
    this.loop = loop;
  }

  /**
   * Starts a builder.
   *
   * @param engine the engine to serve, as built by {@code dev.mcpkit.session.McpEngines}; a stdio
   *     server is its only transport
   * @return a builder
   * @throws IllegalArgumentException if the engine is not one a transport can drive
   */
  public static Builder builder(McpEngine engine) {
    return new Builder(TransportEngine.of(engine));
  }

  /**
   * Serves until the input ends (or {@link #close()}), then ends the session.
   *
   * @throws IllegalStateException if called twice
   */
  public void serve() {
    if (!served.compareAndSet(false, true)) {
      throw new IllegalStateException("serve() was already called");
    }
    loop.run();
  }

  /**
   * Stops serving: closes the input, so that {@link #serve()} ends the session and returns. Reading
   * {@code System.in} may not notice until its next line; the input of a pipe notices at once.
   * Idempotent.
   */
  @Override
  public void close() {
    loop.stop();
  }

  /** Collects the options; each setter validates its value and names it in the message. */
  public static final class Builder {
    private final TransportEngine engine;
    private InputStream input = System.in;
    private OutputStream output = System.out;
    private int maxLineBytes = 4 * 1024 * 1024;
    private Duration drainTimeout = Duration.ofSeconds(5);
    private Duration keepAlive = Duration.ofSeconds(30);

    private Builder(TransportEngine engine) {
      this.engine = engine;
    }

    /**
     * Sets where messages are read from ({@code System.in} by default).
     *
     * @param input the stream
     * @return this
     */
    public Builder input(InputStream input) {
      this.input = requireNonNull(input, "input");
      return this;
    }

    /**
     * Sets where messages are written to ({@code System.out} by default).
     *
     * @param output the stream
     * @return this
     */
    public Builder output(OutputStream output) {
      this.output = requireNonNull(output, "output");
      return this;
    }

    /**
     * Sets the longest line (message) accepted, in bytes (4 MiB by default).
     *
     * @param max at least 1024
     * @return this
     */
    public Builder maxLineBytes(int max) {
      if (max < 1024) {
        throw new IllegalArgumentException("maxLineBytes must be >= 1024: " + max);
      }
      this.maxLineBytes = max;
      return this;
    }

    /**
     * Sets how long requests in flight may run on after the input ended (5 s by default).
     *
     * @param timeout zero or positive
     * @return this
     */
    public Builder drainTimeout(Duration timeout) {
      requireNonNull(timeout, "drainTimeout");
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("drainTimeout must not be negative: " + timeout);
      }
      this.drainTimeout = timeout;
      return this;
    }

    /**
     * Sets how often the session is touched while the client is quiet (30 s by default); keep it
     * below the sessions' idle timeout.
     *
     * @param interval positive
     * @return this
     */
    public Builder keepAlive(Duration interval) {
      requireNonNull(interval, "keepAlive");
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("keepAlive must be positive: " + interval);
      }
      this.keepAlive = interval;
      return this;
    }

    /**
     * Builds the server; nothing is read until {@link McpStdioServer#serve()}.
     *
     * @return the server
     */
    public McpStdioServer build() {
      return new McpStdioServer(
          new ServerLoop(engine, input, output, maxLineBytes, drainTimeout, keepAlive));
    }
  }
}
