package dev.mcpkit.gateway.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.gateway.UpstreamConfig;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * An upstream that is a child process speaking stdio: one process for the whole gateway ({@link
 * StdioChild}), restarted with backoff when it dies, and one {@link SharedStdioSession} per client
 * session over it. Thread-safe.
 */
public final class StdioUpstream implements Upstream {
  private final UpstreamConfig config;
  private final StdioChild child;

  /**
   * @param config the upstream, a stdio one
   * @param clientName the {@code clientInfo.name} the gateway presents to the child
   * @param clientVersion its version
   */
  public StdioUpstream(UpstreamConfig config, String clientName, String clientVersion) {
    this.config = requireNonNull(config, "config");
    this.child = new StdioChild(config, clientName, clientVersion);
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public Duration timeout() {
    return config.timeout();
  }

  /**
   * Opens a view of the shared child for one client session; the child's capabilities declare
   * sampling and elicitation once for all sessions, so {@code clientCapabilities} are not passed on
   * (a request for a client that cannot answer it gets that client's error).
   */
  @Override
  public McpClient open(JsonNode clientCapabilities, UpstreamCallbacks callbacks) {
    return new SharedStdioSession(child, callbacks);
  }

  /**
   * The child's process id, or -1 while it is down.
   *
   * @return the pid
   */
  public long pid() {
    return child.pid();
  }

  /**
   * How many times the child was started (1 until it first died).
   *
   * @return the count
   */
  public int starts() {
    return child.starts();
  }

  /** Stops the child and its restarts. */
  @Override
  public void close() {
    child.close();
  }
}
