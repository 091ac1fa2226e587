package dev.mcpkit.session.internal.protocol.stateless;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.Session;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.api.server.InputRequest;
import dev.mcpkit.api.server.LogLevel;
import dev.mcpkit.api.server.ToolContext;
import dev.mcpkit.api.spi.transport.MessageSink;
import dev.mcpkit.session.internal.protocol.CallCancellation;
import dev.mcpkit.session.internal.protocol.InputRounds;
import dev.mcpkit.session.internal.protocol.LogLevels;
import dev.mcpkit.session.internal.protocol.ProgressNotifications;
import dev.mcpkit.session.internal.protocol.RequestMeta;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The context of one sessionless tool call (revision 2026-07-28): no session; progress when the
 * request's {@code _meta} carries a token; log messages only at or above the level the request's
 * {@code _meta} opts in to (none without one); requests to the client through {@link InputRounds}
 * (multi round-trip), never on the stream. Cancellation (the client closed the response stream)
 * interrupts the handler's thread, with the same state machine as the session-based context:
 *
 * <pre>
 *   RUNNING -&gt; CANCELLED   (the response stream closed; the handler's thread is interrupted)
 *   RUNNING -&gt; DONE        (the handler returned)
 * </pre>
 *
 * <p>Thread-safe; the transitions are {@link CallCancellation}'s, run under its lock so that an
 * interrupt can never land on the request thread after the call is done.
 */
final class StatelessToolContext implements ToolContext {

  private final RequestId requestId;
  private final RequestMeta meta;
  private final InputRounds inputs;
  private final MessageSink sink;
  private final String loggerName;
  private final CallCancellation call;

  StatelessToolContext(
      RequestId requestId,
      RequestMeta meta,
      InputRounds inputs,
      MessageSink sink,
      String loggerName,
      @Nullable Thread thread) {
    this.requestId = requireNonNull(requestId, "requestId");
    this.meta = requireNonNull(meta, "meta");
    this.inputs = requireNonNull(inputs, "inputs");
    this.sink = requireNonNull(sink, "sink");
    this.loggerName = requireNonNull(loggerName, "loggerName");
    this.call = new CallCancellation(thread);
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
  public void progress(double progress, @Nullable Double total, @Nullable String message) {
    JsonNode token = meta.progressToken();
    if (token == null || !call.isRunning()) {
      return;
    }
    sink.send(ProgressNotifications.of(token, progress, total, message));
  }

  @Override
  public boolean wantsProgress() {
    return meta.progressToken() != null;
  }

  @Override
  public void log(LogLevel level, String message) {
    requireNonNull(level, "level");
    requireNonNull(message, "message");
    LogLevel minimum = meta.logLevel();
    if (minimum == null || level.compareTo(minimum) < 0 || !call.isRunning()) {
      return;
    }
    sink.send(LogLevels.message(level, loggerName, message));
  }

  @Override
  public JsonNode request(String method, @Nullable JsonNode params, Duration timeout) {
    requireNonNull(method, "method");
    return inputs.answer(inputs.automaticKey(method), method, params);
  }

  @Override
  public JsonNode input(String key, String method, @Nullable JsonNode params, Duration timeout) {
    requireNonNull(key, "key");
    requireNonNull(method, "method");
    return inputs.answer(key, method, params);
  }

  @Override
  public Map<String, JsonNode> inputs(Map<String, InputRequest> requests, Duration timeout) {
    requireNonNull(requests, "requests");
    return inputs.answers(requests);
  }

  @Override
  public JsonNode clientCapabilities() {
    return meta.clientCapabilities();
  }

  @Override
  public boolean isCancelled() {
    return call.isCancelled();
  }

  @Override
  public void closeStream() {
    // Revision 2026-07-28 has no resumable streams: closing would lose the request.
  }

  /** Cancels the call and interrupts its thread, unless it already finished. */
  void cancel() {
    call.cancel();
  }

  /**
   * Ends the call; no interrupt reaches the thread afterwards.
   *
   * @return {@code true} if the call was cancelled, so it gets no response
   */
  boolean finish() {
    return call.finish();
  }
}
