package dev.mcpkit.gateway.internal.tape;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcErrorResponse;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.jsonrpc.JsonRpcResponse;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.gateway.internal.Upstream;
import dev.mcpkit.gateway.internal.UpstreamCallbacks;
import java.time.Duration;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An upstream whose sessions of recorded client sessions are recorded on their client session's
 * tape: what the gateway sends (requests and notifications), what comes back (results, errors,
 * progress, log messages and other notifications, requests for the client) and the client's answers
 * to those. Sessions of no recorded client session (the start-up probe) pass untouched.
 *
 * <p>Thread-safe: stateless around the upstream and the recorder.
 */
public final class TapedUpstream implements Upstream {
  private final Upstream upstream;
  private final TapeRecorder recorder;

  /**
   * @param upstream the upstream
   * @param recorder where the messages go
   */
  public TapedUpstream(Upstream upstream, TapeRecorder recorder) {
    this.upstream = requireNonNull(upstream, "upstream");
    this.recorder = requireNonNull(recorder, "recorder");
  }

  @Override
  public String name() {
    return upstream.name();
  }

  @Override
  public Duration timeout() {
    return upstream.timeout();
  }

  @Override
  public McpClient open(JsonNode clientCapabilities, UpstreamCallbacks callbacks) {
    TapeHandle tape = recorder.live(callbacks.clientSessionId());
    if (tape == null) {
      return upstream.open(clientCapabilities, callbacks);
    }
    Deque<String> calls = new ConcurrentLinkedDeque<>();
    McpClient client = upstream.open(clientCapabilities, new Callbacks(callbacks, tape, calls));
    return new TapedClient(client, recorder, tape, upstream.name(), clientCapabilities, calls);
  }

  @Override
  public void close() {
    upstream.close();
  }

  /**
   * What the upstream sends outside answers, recorded against the latest call in flight (the one
   * the gateway routes it to), then passed on.
   */
  private final class Callbacks implements UpstreamCallbacks {
    private final UpstreamCallbacks callbacks;
    private final TapeHandle tape;
    private final Deque<String> calls;

    Callbacks(UpstreamCallbacks callbacks, TapeHandle tape, Deque<String> calls) {
      this.callbacks = callbacks;
      this.tape = tape;
      this.calls = calls;
    }

    @Override
    public JsonNode onRequest(String method, JsonNode params) throws Exception {
      String call = calls.peekLast();
      RequestId id = RequestId.of(tape.nextId("s"));
      record(Direction.UPSTREAM_TO_GATEWAY, call, new JsonRpcRequest(id, method, params));
      try {
        JsonNode result = callbacks.onRequest(method, params);
        record(Direction.GATEWAY_TO_UPSTREAM, call, new JsonRpcResponse(id, result));
        return result;
      } catch (McpClientException e) {
        JsonRpcError error =
            e.error().orElse(JsonRpcError.of(JsonRpcError.INTERNAL_ERROR, "no answer"));
        record(Direction.GATEWAY_TO_UPSTREAM, call, new JsonRpcErrorResponse(id, error));
        throw e;
      }
    }

    @Override
    public void onNotification(JsonRpcNotification notification) {
      record(Direction.UPSTREAM_TO_GATEWAY, calls.peekLast(), notification);
      callbacks.onNotification(notification);
    }

    @Override
    public @Nullable String clientSessionId() {
      return callbacks.clientSessionId();
    }

    private void record(
        Direction direction, @Nullable String call, dev.mcpkit.api.jsonrpc.JsonRpcMessage message) {
      recorder.record(tape, recorder.now(), direction, upstream.name(), call, message, null);
    }
  }
}
