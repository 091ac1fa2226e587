package dev.mcpkit.gateway.internal.tape;

import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.client.CallToolResult;
import dev.mcpkit.api.client.GetPromptResult;
import dev.mcpkit.api.client.InitializeResult;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.client.ProgressListener;
import dev.mcpkit.api.client.PromptInfo;
import dev.mcpkit.api.client.ReadResourceResult;
import dev.mcpkit.api.client.RequestOptions;
import dev.mcpkit.api.client.ResourceInfo;
import dev.mcpkit.api.client.SkillEntry;
import dev.mcpkit.api.client.SkillPage;
import dev.mcpkit.api.client.ToolInfo;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcErrorResponse;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.jsonrpc.JsonRpcResponse;
import dev.mcpkit.api.jsonrpc.RequestId;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An upstream session's client that records on a tape what the gateway sends through it and what
 * comes back. The gateway talks to upstreams through {@link #initialize}, {@link #request} and
 * {@link #notify}; the typed calls pass through unrecorded (the gateway does not use them). Each
 * call gets the tape's own id ({@code u1}, ...), the id of its lines.
 *
 * <p>Thread-safe: the client is, and the calls in flight are a concurrent deque.
 */
final class TapedClient implements McpClient {
  private final McpClient client;
  private final TapeRecorder recorder;
  private final TapeHandle tape;
  private final String upstream;
  private final JsonNode capabilities;
  private final Deque<String> calls;

  TapedClient(
      McpClient client,
      TapeRecorder recorder,
      TapeHandle tape,
      String upstream,
      JsonNode capabilities,
      Deque<String> calls) {
    this.client = client;
    this.recorder = recorder;
    this.tape = tape;
    this.upstream = upstream;
    this.capabilities = capabilities;
    this.calls = calls;
  }

  private void record(Direction direction, String call, JsonRpcMessage message) {
    recorder.record(tape, recorder.now(), direction, upstream, call, message, null);
  }

  private void failed(String call, RequestId id, RuntimeException e) {
    JsonRpcError error =
        e instanceof McpClientException failure && failure.error().isPresent()
            ? failure.error().get()
            : JsonRpcError.of(JsonRpcError.INTERNAL_ERROR, "no answer: " + e.getMessage());
    record(Direction.UPSTREAM_TO_GATEWAY, call, new JsonRpcErrorResponse(id, error));
  }

  @Override
  public InitializeResult initialize() {
    String call = tape.nextId("u");
    RequestId id = RequestId.of(call);
    ObjectNode params = Redactor.object();
    params.set("capabilities", capabilities);
    record(Direction.GATEWAY_TO_UPSTREAM, call, new JsonRpcRequest(id, "initialize", params));
    try {
      InitializeResult result = client.initialize();
      record(Direction.UPSTREAM_TO_GATEWAY, call, new JsonRpcResponse(id, result.raw()));
      return result;
    } catch (RuntimeException e) {
      failed(call, id, e);
      throw e;
    }
  }

  @Override
  public JsonNode request(String method, @Nullable JsonNode params, RequestOptions options) {
    String call = tape.nextId("u");
    RequestId id = RequestId.of(call);
    record(Direction.GATEWAY_TO_UPSTREAM, call, new JsonRpcRequest(id, method, params));
    RequestOptions recorded = options;
    ProgressListener listener = options.progress();
    if (listener != null) {
      recorded =
          new RequestOptions(
              options.timeout(),
              progress -> {
                record(Direction.UPSTREAM_TO_GATEWAY, call, progress(call, progress));
                listener.onProgress(progress);
              },
              options.streamPaused());
    }
    calls.addLast(call);
    try {
      JsonNode result = client.request(method, params, recorded);
      record(Direction.UPSTREAM_TO_GATEWAY, call, new JsonRpcResponse(id, result));
      return result;
    } catch (RuntimeException e) {
      failed(call, id, e);
      throw e;
    } finally {
      calls.removeLastOccurrence(call);
    }
  }

  /** Progress as the notification the upstream sent, its token being the call's tape id. */
  private static JsonRpcNotification progress(String call, ProgressListener.Progress progress) {
    ObjectNode params = Redactor.object();
    params.put("progressToken", call);
    params.put("progress", progress.progress());
    if (progress.total() != null) {
      params.put("total", progress.total());
    }
    if (progress.message() != null) {
      params.put("message", progress.message());
    }
    return new JsonRpcNotification("notifications/progress", params);
  }

  @Override
  public void notify(String method, @Nullable JsonNode params) {
    String call = tape.nextId("u");
    record(Direction.GATEWAY_TO_UPSTREAM, call, new JsonRpcNotification(method, params));
    client.notify(method, params);
  }

  @Override
  public CompletableFuture<JsonNode> requestAsync(
      String method, @Nullable JsonNode params, RequestOptions options) {
    return client.requestAsync(method, params, options);
  }

  @Override
  public Optional<ProtocolVersion> protocolVersion() {
    return client.protocolVersion();
  }

  @Override
  public Optional<String> sessionId() {
    return client.sessionId();
  }

  @Override
  public void ping() {
    client.ping();
  }

  @Override
  public List<ToolInfo> listTools() {
    return client.listTools();
  }

  @Override
  public CallToolResult callTool(String name, JsonNode arguments, RequestOptions options) {
    return client.callTool(name, arguments, options);
  }

  @Override
  public CompletableFuture<CallToolResult> callToolAsync(
      String name, JsonNode arguments, RequestOptions options) {
    return client.callToolAsync(name, arguments, options);
  }

  @Override
  public List<ResourceInfo> listResources() {
    return client.listResources();
  }

  @Override
  public ReadResourceResult readResource(String uri) {
    return client.readResource(uri);
  }

  @Override
  public List<PromptInfo> listPrompts() {
    return client.listPrompts();
  }

  @Override
  public GetPromptResult getPrompt(String name, Map<String, String> arguments) {
    return client.getPrompt(name, arguments);
  }

  @Override
  public SkillPage listSkills(@Nullable String cursor) {
    return client.listSkills(cursor);
  }

  @Override
  public SkillEntry getSkill(String uri) {
    return client.getSkill(uri);
  }

  @Override
  public String loadSkill(SkillEntry skill) {
    return client.loadSkill(skill);
  }

  @Override
  public byte[] readSkillFile(SkillEntry skill, String uri) {
    return client.readSkillFile(skill, uri);
  }

  @Override
  public void close() {
    client.close();
  }
}
