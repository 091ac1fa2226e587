package dev.mcpkit.session.internal.protocol.stateless;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.Session;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.api.server.LogLevel;
import dev.mcpkit.api.server.RequestContext;
import dev.mcpkit.api.spi.transport.MessageSink;
import dev.mcpkit.session.internal.protocol.InputRounds;
import dev.mcpkit.session.internal.protocol.LogLevels;
import dev.mcpkit.session.internal.protocol.RequestMeta;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The context of a sessionless resource, prompt or completion request (revision 2026-07-28): log
 * messages only at or above the level the request's {@code _meta} opts in to, and input from the
 * client through {@link InputRounds} for {@code prompts/get} and {@code resources/read}.
 *
 * <p>Thread-safe.
 */
final class StatelessRequestContext implements RequestContext {
  private final RequestId requestId;
  private final RequestMeta meta;
  private final @Nullable InputRounds inputs;
  private final MessageSink sink;
  private final String loggerName;
  private volatile boolean done;

  /**
   * @param inputs the request's input rounds, or {@code null} where the method may not ask the
   *     client (only prompts/get, resources/read and tools/call may)
   */
  StatelessRequestContext(
      RequestId requestId,
      RequestMeta meta,
      @Nullable InputRounds inputs,
      MessageSink sink,
      String loggerName) {
    this.requestId = requireNonNull(requestId, "requestId");
    this.meta = requireNonNull(meta, "meta");
    this.inputs = inputs;
    this.sink = requireNonNull(sink, "sink");
    this.loggerName = requireNonNull(loggerName, "loggerName");
  }

  @Override
  public @Nullable Session session() {
    return null;
  }

  @Override
  public RequestId requestId() {
    return requestId;
  }

  @Override
  public void log(LogLevel level, String message) {
    requireNonNull(level, "level");
    requireNonNull(message, "message");
    LogLevel minimum = meta.logLevel();
    if (done || minimum == null || level.compareTo(minimum) < 0) {
      return;
    }
    sink.send(LogLevels.message(level, loggerName, message));
  }

  @Override
  public JsonNode input(String key, String method, @Nullable JsonNode params) {
    requireNonNull(key, "key");
    requireNonNull(method, "method");
    if (inputs == null) {
      throw new IllegalStateException(
          "this request cannot ask the client for input (only tools/call, prompts/get and resources/read can)");
    }
    return inputs.answer(key, method, params);
  }

  /** Ends the context: later log calls are dropped. */
  void finish() {
    done = true;
  }
}
