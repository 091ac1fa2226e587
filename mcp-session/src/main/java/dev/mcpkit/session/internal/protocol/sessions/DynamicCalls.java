package dev.mcpkit.session.internal.protocol.sessions;

import dev.mcpkit.api.Session;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcErrorResponse;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.jsonrpc.JsonRpcResponse;
import dev.mcpkit.api.server.DynamicMethods;
import dev.mcpkit.api.server.DynamicRequest;
import dev.mcpkit.api.server.RequestErrorException;
import dev.mcpkit.api.server.ToolContext;
import dev.mcpkit.api.spi.transport.MessageSink;
import dev.mcpkit.session.internal.protocol.ProtocolError;
import dev.mcpkit.session.internal.protocol.ToolCallContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Runs requests through a {@link DynamicMethods} and builds its {@code initialize} result. */
final class DynamicCalls {
  private static final Logger LOG = LoggerFactory.getLogger(DynamicCalls.class);

  private DynamicCalls() {}

  /**
   * The {@code initialize} result with the dynamic catalogue's capabilities: a copy of the shared
   * per-version result, whose catalogue capabilities are replaced (logging stays).
   */
  static ObjectNode initializeResult(ObjectNode shared, DynamicMethods dynamic) {
    ObjectNode result = shared.deepCopy();
    ObjectNode capabilities = (ObjectNode) result.get("capabilities");
    for (String name : new String[] {"tools", "resources", "prompts", "completions"}) {
      capabilities.remove(name);
    }
    capabilities.setAll(dynamic.capabilities().deepCopy());
    return result;
  }

  /**
   * Runs one request; {@code null} when the handler was interrupted (the call was cancelled, and
   * the caller finds out through the context).
   *
   * @throws ProtocolError with the handler's JSON-RPC error
   */
  static @Nullable JsonNode call(
      DynamicMethods dynamic,
      JsonRpcRequest request,
      Session session,
      ToolCallContext context,
      MessageSink sink) {
    try {
      return dynamic.handle(new Request(request, session, context, sink));
    } catch (RequestErrorException e) {
      throw new ProtocolError(e.error());
    } catch (InterruptedException e) {
      if (context.isCancelled()) {
        return null;
      }
      Thread.currentThread().interrupt();
      throw new ProtocolError(JsonRpcError.INTERNAL_ERROR, "Internal error: interrupted");
    }
  }

  /**
   * Starts one request that the catalogue answers later ({@link DynamicMethods#handleLater}); what
   * the handler throws at once fails the returned future like a later failure.
   */
  static CompletableFuture<ObjectNode> callLater(
      DynamicMethods dynamic,
      JsonRpcRequest request,
      Session session,
      ToolCallContext context,
      MessageSink sink) {
    try {
      return dynamic
          .handleLater(new Request(request, session, context, sink))
          .toCompletableFuture();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * The response to a request that {@link #callLater} answered: its result, or the error its
   * failure stands for ({@link RequestErrorException}'s own; an internal error, whose message is
   * not sent, for anything else).
   */
  static JsonRpcMessage response(
      JsonRpcRequest request, @Nullable ObjectNode result, @Nullable Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause == null && result != null) {
      return new JsonRpcResponse(request.id(), result);
    }
    if (cause instanceof RequestErrorException error) {
      LOG.debug("request {} {} failed: {}", request.id(), request.method(), cause.getMessage());
      return new JsonRpcErrorResponse(request.id(), error.error());
    }
    LOG.debug("request {} {} failed", request.id(), request.method(), cause);
    return new JsonRpcErrorResponse(
        request.id(), JsonRpcError.of(JsonRpcError.INTERNAL_ERROR, "Internal error"));
  }

  private record Request(
      JsonRpcRequest request, Session session, ToolCallContext call, MessageSink sink)
      implements DynamicRequest {

    @Override
    public String method() {
      return request.method();
    }

    @Override
    public @Nullable JsonNode params() {
      return request.params();
    }

    @Override
    public ToolContext context() {
      return call;
    }

    @Override
    public void notify(String method, @Nullable JsonNode params) {
      if (!call.isCancelled()) {
        sink.send(new JsonRpcNotification(method, params));
      }
    }
  }
}
