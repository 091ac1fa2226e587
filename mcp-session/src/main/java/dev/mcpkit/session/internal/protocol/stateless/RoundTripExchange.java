package dev.mcpkit.session.internal.protocol.stateless;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.Session;
import dev.mcpkit.api.server.InputRequest;
import dev.mcpkit.api.server.LogLevel;
import dev.mcpkit.session.internal.protocol.CallCancellation;
import dev.mcpkit.session.internal.protocol.ClientExchange;
import dev.mcpkit.session.internal.protocol.InputRounds;
import dev.mcpkit.session.internal.protocol.RequestMeta;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Revision 2026-07-28's part of a handler's context: no session; log messages only at or above the
 * level the request's {@code _meta} opts in to (none without one); the capabilities its {@code
 * _meta} declares; input from the client through {@link InputRounds} (multi round-trip: an
 * unanswered request ends the handler, which runs again when the client retries with the answer),
 * never on the stream, so nothing waits and no timeout applies. Streams are not resumable.
 *
 * <p>Thread-safe: its fields are final, and {@link InputRounds} is thread-safe.
 */
final class RoundTripExchange implements ClientExchange {
  private final RequestMeta meta;
  private final @Nullable InputRounds inputs;

  /**
   * @param meta the request's {@code _meta}
   * @param inputs the request's input rounds, or {@code null} where the method may not ask the
   *     client (only prompts/get, resources/read and tools/call may)
   */
  RoundTripExchange(RequestMeta meta, @Nullable InputRounds inputs) {
    this.meta = requireNonNull(meta, "meta");
    this.inputs = inputs;
  }

  @Override
  public @Nullable Session session() {
    return null;
  }

  @Override
  public boolean logs(LogLevel level) {
    LogLevel minimum = meta.logLevel();
    return minimum != null && level.compareTo(minimum) >= 0;
  }

  @Override
  public JsonNode clientCapabilities() {
    return meta.clientCapabilities();
  }

  /** Closing would lose the request: revision 2026-07-28 has no resumable streams. */
  @Override
  public boolean resumableStreams() {
    return false;
  }

  @Override
  public JsonNode request(
      String method, @Nullable JsonNode params, Duration timeout, CallCancellation call) {
    InputRounds rounds = rounds();
    return rounds.answer(rounds.automaticKey(method), method, params);
  }

  @Override
  public JsonNode input(
      String key,
      String method,
      @Nullable JsonNode params,
      Duration timeout,
      CallCancellation call) {
    return rounds().answer(key, method, params);
  }

  @Override
  public Map<String, JsonNode> inputs(
      Map<String, InputRequest> requests, Duration timeout, CallCancellation call) {
    return rounds().answers(requests);
  }

  @Override
  public JsonNode input(String key, String method, @Nullable JsonNode params) {
    requireNonNull(key, "key");
    requireNonNull(method, "method");
    return rounds().answer(key, method, params);
  }

  private InputRounds rounds() {
    InputRounds rounds = inputs;
    if (rounds == null) {
      throw new IllegalStateException(
          "this request cannot ask the client for input (only tools/call, prompts/get and resources/read can)");
    }
    return rounds;
  }
}
