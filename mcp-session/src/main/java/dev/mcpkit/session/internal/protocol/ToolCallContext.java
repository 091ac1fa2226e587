package dev.mcpkit.session.internal.protocol;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.InvocationType;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.api.server.InputRequest;
import dev.mcpkit.api.server.LogLevel;
import dev.mcpkit.api.server.ToolContext;
import dev.mcpkit.api.spi.transport.MessageSink;
import java.security.Principal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The context of one tool call in either protocol generation, and its cancellation state machine:
 *
 * <pre>
 *   RUNNING -&gt; CANCELLED   (the client cancelled; the handler's thread is interrupted)
 *   RUNNING -&gt; DONE        (the handler returned)
 * </pre>
 *
 * <p>Progress goes to the call's sink when the request carried a token; log messages go there when
 * the client wants their level; both stop when the call is no longer running. What differs between
 * the generations (the session, the log level the client set, asking the client for input) is the
 * {@link ClientExchange}'s; how a cancellation is observed ({@code notifications/cancelled} in a
 * session, the closed response stream without one) is the engine's, which calls {@link #cancel}.
 *
 * <p>Thread-safe. The transitions are {@link CallCancellation}'s, run under its lock so that an
 * interrupt meant for the handler can never land on the request thread after the call is done (the
 * thread goes on to write the response, and a stray interrupt would break that write). The other
 * fields are final.
 */
public final class ToolCallContext implements ToolContext {

  private final RequestId requestId;
  private final @Nullable JsonNode progressToken;
  private final MessageSink sink;
  private final String loggerName;
  private final ClientExchange exchange;
  private final @Nullable Principal principal;
  private final CallCancellation call;

  /** Told of a cancellation, for a call that no thread runs; see {@link #onCancel}. */
  private volatile @Nullable Runnable onCancel;

  /**
   * Starts a running call, handled on the calling thread.
   *
   * @param requestId the id of the {@code tools/call} request
   * @param progressToken the request's progress token, or {@code null}
   * @param sink where the call's messages go
   * @param loggerName the {@code logger} of its log messages
   * @param type the tool's invocation type: a cancelled blocking tool has its thread interrupted; a
   *     non-blocking tool never does, since it may run on an I/O thread, where an interrupt would
   *     close the channel that thread touches next
   * @param exchange what the protocol generation does
   * @param principal who sent the request, or {@code null} if anonymous
   */
  public ToolCallContext(
      RequestId requestId,
      @Nullable JsonNode progressToken,
      MessageSink sink,
      String loggerName,
      InvocationType type,
      ClientExchange exchange,
      @Nullable Principal principal) {
    this.requestId = requireNonNull(requestId, "requestId");
    this.progressToken = progressToken;
    this.sink = requireNonNull(sink, "sink");
    this.loggerName = requireNonNull(loggerName, "loggerName");
    this.exchange = requireNonNull(exchange, "exchange");
    this.principal = principal;
    this.call = new CallCancellation(type.isNonBlocking() ? null : Thread.currentThread());
  }

  @Override
  public @Nullable Session session() {
    return exchange.session();
  }

  @Override
  public Optional<Principal> principal() {
    return Optional.ofNullable(principal);
  }

  @Override
  public RequestId requestId() {
    return requestId;
  }

  @Override
  public boolean wantsProgress() {
    return progressToken != null;
  }

  @Override
  public void progress(double progress, double total, @Nullable String message) {
    send(progress, total, message);
  }

  @Override
  public void progress(double progress, @Nullable String message) {
    send(progress, null, message);
  }

  private void send(double progress, @Nullable Double total, @Nullable String message) {
    JsonNode token = progressToken;
    if (token == null || !call.isRunning()) {
      return;
    }
    sink.send(ProgressNotifications.of(token, progress, total, message));
  }

  @Override
  public void log(LogLevel level, String message) {
    requireNonNull(level, "level");
    requireNonNull(message, "message");
    if (!call.isRunning() || !exchange.logs(level)) {
      return;
    }
    sink.send(LogLevels.message(level, loggerName, message));
  }

  @Override
  public JsonNode request(String method, @Nullable JsonNode params, Duration timeout)
      throws InterruptedException, TimeoutException {
    requireNonNull(method, "method");
    return exchange.request(method, params, timeout, call);
  }

  @Override
  public JsonNode input(String key, String method, @Nullable JsonNode params, Duration timeout)
      throws InterruptedException, TimeoutException {
    requireNonNull(key, "key");
    requireNonNull(method, "method");
    return exchange.input(key, method, params, timeout, call);
  }

  @Override
  public Map<String, JsonNode> inputs(Map<String, InputRequest> requests, Duration timeout)
      throws InterruptedException, TimeoutException {
    requireNonNull(requests, "requests");
    return exchange.inputs(requests, timeout, call);
  }

  @Override
  public JsonNode clientCapabilities() {
    return exchange.clientCapabilities();
  }

  @Override
  public void closeStream() {
    if (exchange.resumableStreams() && call.isRunning()) {
      sink.closeStream();
    }
  }

  @Override
  public void continueAsTask() {
    exchange.continueAsTask();
  }

  @Override
  public boolean isCancelled() {
    return call.isCancelled();
  }

  /**
   * Runs {@code action} when the call is cancelled (at once if it already was): how a call that no
   * thread runs (an answer that comes later) learns of its cancellation. It may run twice when the
   * two race, so it must be idempotent (cancelling a future is). One action per call; a second
   * replaces the first.
   *
   * @param action what cancels the call's work
   */
  public void onCancel(Runnable action) {
    onCancel = requireNonNull(action, "action");
    if (call.isCancelled()) {
      action.run();
    }
  }

  /** Cancels the call and interrupts its thread, unless it already finished. */
  public void cancel() {
    call.cancel();
    Runnable action = onCancel;
    if (action != null && call.isCancelled()) {
      action.run();
    }
  }

  /**
   * Ends the call; no interrupt reaches the thread afterwards.
   *
   * @return {@code true} if the call was cancelled, so it gets no response
   */
  public boolean finish() {
    return call.finish();
  }
}
