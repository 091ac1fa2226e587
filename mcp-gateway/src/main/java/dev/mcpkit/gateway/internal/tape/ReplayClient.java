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
import dev.mcpkit.api.client.ToolInfo;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.gateway.internal.UpstreamCallbacks;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One upstream session answered from a tape. A request gets the answer of the first recorded call
 * not yet used with the same method and the same params (compared without {@code params._meta}, an
 * absent params being {@code {}}, a value recorded redacted matching any value); once all such
 * calls were used, the last of them again; {@code initialize} matches by method alone. Before
 * answering, what the upstream sent during the recorded call is sent again, in order: progress to
 * the caller's listener, notifications and requests (sampling, elicitation, roots) to the gateway's
 * callbacks, which pass them to the client (its answers are not compared). A listing the tape never
 * recorded ({@code tools/list}, {@code prompts/list}, {@code resources/list}, {@code
 * resources/templates/list}) is answered empty; any other unrecorded request with a JSON-RPC error
 * naming it.
 *
 * <p>Thread-safe: which calls were used is guarded by a lock.
 */
final class ReplayClient implements McpClient {
  private static final Logger LOG = LoggerFactory.getLogger(ReplayClient.class);
  private static final Map<String, String> LISTINGS =
      Map.of(
          "tools/list", "tools",
          "prompts/list", "prompts",
          "resources/list", "resources",
          "resources/templates/list", "resourceTemplates");

  private final String upstream;
  private final List<Tape.Call> calls;
  private final UpstreamCallbacks callbacks;
  private final boolean[] used;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile @Nullable ProtocolVersion version;

  ReplayClient(String upstream, List<Tape.Call> calls, UpstreamCallbacks callbacks) {
    this.upstream = upstream;
    this.calls = calls;
    this.callbacks = callbacks;
    this.used = new boolean[calls.size()];
  }

  /** The recorded call that answers a request, or {@code null}. */
  Tape.@Nullable Call match(String method, @Nullable JsonNode params) {
    JsonNode wanted = normalized(params);
    lock.lock();
    try {
      int last = -1;
      for (int i = 0; i < calls.size(); i++) {
        Tape.Call call = calls.get(i);
        if (!call.method().equals(method)
            || (!"initialize".equals(method) && !matches(normalized(call.params()), wanted))) {
          continue;
        }
        if (!used[i]) {
          used[i] = true;
          return call;
        }
        last = i;
      }
      return last < 0 ? null : calls.get(last);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Whether recorded params match: equal, except that a value recorded as {@value
   * Redactor#REDACTED} matches any value (the tape never held the secret to compare with).
   */
  static boolean matches(JsonNode recorded, JsonNode wanted) {
    if (recorded.isString() && Redactor.REDACTED.equals(recorded.asString())) {
      return true;
    }
    if (recorded.isObject() && wanted.isObject()) {
      if (recorded.size() != wanted.size()) {
        return false;
      }
      for (var member : recorded.properties()) {
        JsonNode other = wanted.get(member.getKey());
        if (other == null || !matches(member.getValue(), other)) {
          return false;
        }
      }
      return true;
    }
    if (recorded.isArray() && wanted.isArray()) {
      if (recorded.size() != wanted.size()) {
        return false;
      }
      for (int i = 0; i < recorded.size(); i++) {
        if (!matches(recorded.get(i), wanted.get(i))) {
          return false;
        }
      }
      return true;
    }
    return recorded.equals(wanted);
  }

  /** Params as compared: an object without {@code _meta}. */
  static JsonNode normalized(@Nullable JsonNode params) {
    if (!(params instanceof ObjectNode object)) {
      return params == null || params.isNull() ? JsonNodeFactory.instance.objectNode() : params;
    }
    if (!object.has("_meta")) {
      return object;
    }
    ObjectNode copy = object.deepCopy();
    copy.remove("_meta");
    return copy;
  }

  @Override
  public InitializeResult initialize() {
    Tape.Call call = match("initialize", null);
    if (call == null || call.result() == null) {
      throw new McpClientException(
          "the tape holds no initialize of upstream " + upstream,
          JsonRpcError.of(JsonRpcError.INTERNAL_ERROR, "the tape holds no initialize"),
          0,
          null);
    }
    JsonNode raw = call.result();
    ProtocolVersion negotiated =
        ProtocolVersion.fromWireName(raw.path("protocolVersion").asString(""))
            .orElse(ProtocolVersion.latest());
    version = negotiated;
    JsonNode instructions = raw.get("instructions");
    return new InitializeResult(
        negotiated,
        raw.path("serverInfo").path("name").asString(""),
        raw.path("serverInfo").path("version").asString(""),
        raw.path("capabilities"),
        instructions != null && instructions.isString() ? instructions.asString() : null,
        raw);
  }

  @Override
  public JsonNode request(String method, @Nullable JsonNode params, RequestOptions options) {
    Tape.Call call = match(method, params);
    if (call == null) {
      String member = LISTINGS.get(method);
      if (member != null) {
        ObjectNode empty = JsonNodeFactory.instance.objectNode();
        empty.putArray(member);
        return empty;
      }
      throw new McpClientException(
          "the tape has no answer to " + method,
          JsonRpcError.of(
              JsonRpcError.INTERNAL_ERROR,
              "the tape of upstream " + upstream + " has no answer to " + method + " " + params),
          0,
          null);
    }
    for (ObjectNode sent : call.during()) {
      replay(sent, options);
    }
    JsonNode error = call.error();
    if (error != null) {
      JsonNode data = error.get("data");
      throw new McpClientException(
          "the upstream answered with an error",
          new JsonRpcError(
              error.path("code").asInt(JsonRpcError.INTERNAL_ERROR),
              error.path("message").asString(""),
              data),
          0,
          null);
    }
    JsonNode result = call.result();
    return result == null ? JsonNodeFactory.instance.objectNode() : result.deepCopy();
  }

  /** Sends again what the upstream sent during a call. */
  private void replay(ObjectNode sent, RequestOptions options) {
    String method = sent.path("method").asString("");
    JsonNode params = sent.path("params");
    if ("notifications/progress".equals(method)) {
      ProgressListener listener = options.progress();
      if (listener != null) {
        JsonNode total = params.get("total");
        JsonNode message = params.get("message");
        listener.onProgress(
            new ProgressListener.Progress(
                params.path("progress").asDouble(),
                total != null && total.isNumber() ? total.asDouble() : null,
                message != null && message.isString() ? message.asString() : null));
      }
    } else if (sent.has("id")) {
      try {
        callbacks.onRequest(method, params);
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        LOG.debug("the client refused the replayed {}: {}", method, e.getMessage());
      }
    } else {
      callbacks.onNotification(new JsonRpcNotification(method, params));
    }
  }

  @Override
  public CompletableFuture<JsonNode> requestAsync(
      String method, @Nullable JsonNode params, RequestOptions options) {
    return CompletableFuture.supplyAsync(
        () -> request(method, params, options), task -> Thread.ofVirtual().start(task));
  }

  @Override
  public void notify(String method, @Nullable JsonNode params) {
    // A replay has no server to tell.
  }

  @Override
  public Optional<ProtocolVersion> protocolVersion() {
    return Optional.ofNullable(version);
  }

  @Override
  public Optional<String> sessionId() {
    return Optional.empty();
  }

  @Override
  public void ping() {}

  private static UnsupportedOperationException typed() {
    return new UnsupportedOperationException("a replayed tape answers request() only");
  }

  @Override
  public List<ToolInfo> listTools() {
    throw typed();
  }

  @Override
  public CallToolResult callTool(String name, JsonNode arguments, RequestOptions options) {
    throw typed();
  }

  @Override
  public CompletableFuture<CallToolResult> callToolAsync(
      String name, JsonNode arguments, RequestOptions options) {
    throw typed();
  }

  @Override
  public List<ResourceInfo> listResources() {
    throw typed();
  }

  @Override
  public ReadResourceResult readResource(String uri) {
    throw typed();
  }

  @Override
  public List<PromptInfo> listPrompts() {
    throw typed();
  }

  @Override
  public GetPromptResult getPrompt(String name, Map<String, String> arguments) {
    throw typed();
  }

  @Override
  public void close() {}
}
