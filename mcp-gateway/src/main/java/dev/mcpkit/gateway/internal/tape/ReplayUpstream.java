package dev.mcpkit.gateway.internal.tape;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.gateway.UpstreamConfig;
import dev.mcpkit.gateway.internal.Upstream;
import dev.mcpkit.gateway.internal.UpstreamCallbacks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A recorded tape as an upstream: each upstream session gets a {@link ReplayClient} over the calls
 * the tape holds for the upstream of the configuration's name (or the tape's only upstream), so a
 * gateway in front of it replays the recorded server without it. Thread-safe (immutable).
 */
public final class ReplayUpstream implements Upstream {
  private final UpstreamConfig config;
  private final List<Tape.Call> calls;

  /**
   * Reads the tape.
   *
   * @param config a tape upstream ({@link UpstreamConfig#tape})
   * @throws IllegalStateException if the tape cannot be read or holds no such upstream
   */
  public ReplayUpstream(UpstreamConfig config) {
    this.config = requireNonNull(config, "config");
    Path file = Path.of(requireNonNull(config.url(), "a tape upstream's url"));
    Tape tape;
    try {
      tape = Tape.read(file);
    } catch (RuntimeException e) {
      throw new IllegalStateException("upstream " + config.name() + ": " + e.getMessage(), e);
    }
    List<String> upstreams = tape.upstreams();
    String recorded =
        upstreams.contains(config.name())
            ? config.name()
            : upstreams.size() == 1 ? upstreams.get(0) : null;
    if (recorded == null) {
      throw new IllegalStateException(
          "upstream "
              + config.name()
              + ": the tape "
              + file
              + " recorded "
              + (upstreams.isEmpty() ? "no upstream" : "the upstreams " + upstreams)
              + ", none of that name");
    }
    this.calls = tape.calls(recorded);
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public Duration timeout() {
    return config.timeout();
  }

  @Override
  public McpClient open(JsonNode clientCapabilities, UpstreamCallbacks callbacks) {
    return new ReplayClient(name(), calls, callbacks);
  }
}
