package dev.mcpkit.gateway.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.client.CallToolResult;
import dev.mcpkit.api.client.GetPromptResult;
import dev.mcpkit.api.client.InitializeResult;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.PromptInfo;
import dev.mcpkit.api.client.ReadResourceResult;
import dev.mcpkit.api.client.RequestOptions;
import dev.mcpkit.api.client.ResourceInfo;
import dev.mcpkit.api.client.ToolInfo;
import dev.mcpkit.transport.stdio.McpStdioClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A client session's view of a stdio upstream: an {@link McpClient} whose calls go to the one child
 * process the upstream shares among all client sessions ({@link StdioChild}), marked as this
 * session's while they wait, so that what the child sends back during a call reaches this session's
 * {@link UpstreamCallbacks}. Progress travels with each call (the child client gives each call a
 * token of its own); cancelling a call (interrupting its thread) cancels it on the child.
 *
 * <p>{@link #initialize()} answers with the child's initialization (done once per child); {@link
 * #close()} only detaches this session: the child keeps serving the others. The client session's
 * own notifications are not passed on ({@link #notify}): they concern its session, and the child's
 * session is everyone's.
 *
 * <p>Thread-safe: all state is in the shared child.
 */
final class SharedStdioSession implements McpClient {
  private final StdioChild child;
  private final UpstreamCallbacks callbacks;

  SharedStdioSession(StdioChild child, UpstreamCallbacks callbacks) {
    this.child = requireNonNull(child, "child");
    this.callbacks = requireNonNull(callbacks, "callbacks");
    child.attach(this);
  }

  UpstreamCallbacks callbacks() {
    return callbacks;
  }

  /** Runs a call on the running child, marked as this session's while it waits. */
  private <T> T call(Function<McpStdioClient, T> call) {
    McpStdioClient client = child.ready().client();
    child.enter(this);
    try {
      return call.apply(client);
    } finally {
      child.exit(this);
    }
  }

  /** Starts an asynchronous call on the running child, marked as this session's until it ends. */
  private <T> CompletableFuture<T> callAsync(Function<McpStdioClient, CompletableFuture<T>> call) {
    McpStdioClient client = child.ready().client();
    child.enter(this);
    CompletableFuture<T> future;
    try {
      future = call.apply(client);
    } catch (RuntimeException e) {
      child.exit(this);
      throw e;
    }
    future.whenComplete((result, failure) -> child.exit(this));
    return future;
  }

  @Override
  public InitializeResult initialize() {
    return child.ready().initialized();
  }

  /** The version the running child negotiated; empty while it is down. */
  @Override
  public Optional<ProtocolVersion> protocolVersion() {
    StdioChild.Running running = child.current();
    return running == null ? Optional.empty() : running.client().protocolVersion();
  }

  /**
   * Returns no id: stdio has none.
   *
   * @return empty
   */
  @Override
  public Optional<String> sessionId() {
    return Optional.empty();
  }

  @Override
  public void ping() {
    call(
        client -> {
          client.ping();
          return Boolean.TRUE;
        });
  }

  @Override
  public List<ToolInfo> listTools() {
    return call(McpStdioClient::listTools);
  }

  @Override
  public CallToolResult callTool(String name, JsonNode arguments, RequestOptions options) {
    return call(client -> client.callTool(name, arguments, options));
  }

  @Override
  public CompletableFuture<CallToolResult> callToolAsync(
      String name, JsonNode arguments, RequestOptions options) {
    return callAsync(client -> client.callToolAsync(name, arguments, options));
  }

  @Override
  public JsonNode request(String method, @Nullable JsonNode params, RequestOptions options) {
    return call(client -> client.request(method, params, options));
  }

  @Override
  public CompletableFuture<JsonNode> requestAsync(
      String method, @Nullable JsonNode params, RequestOptions options) {
    return callAsync(client -> client.requestAsync(method, params, options));
  }

  /** Passes nothing on: the client session's notifications concern its own session. */
  @Override
  public void notify(String method, @Nullable JsonNode params) {}

  @Override
  public List<ResourceInfo> listResources() {
    return call(McpStdioClient::listResources);
  }

  @Override
  public ReadResourceResult readResource(String uri) {
    return call(client -> client.readResource(uri));
  }

  @Override
  public List<PromptInfo> listPrompts() {
    return call(McpStdioClient::listPrompts);
  }

  @Override
  public GetPromptResult getPrompt(String name, Map<String, String> arguments) {
    return call(client -> client.getPrompt(name, arguments));
  }

  /** Detaches this session; the child keeps running for the others. */
  @Override
  public void close() {
    child.detach(this);
  }
}
