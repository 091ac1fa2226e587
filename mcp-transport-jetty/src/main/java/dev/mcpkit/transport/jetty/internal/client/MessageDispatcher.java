package dev.mcpkit.transport.jetty.internal.client;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.McpMethod;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.client.ProgressListener;
import dev.mcpkit.api.client.ServerRequestHandler;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcErrorResponse;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.jsonrpc.JsonRpcResponse;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.codec.JsonRpcCodecs;
import dev.mcpkit.codec.MalformedMessageException;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Routes what the server sends, on a POST answer or the GET stream: responses complete the pending
 * call with that id, progress goes to the call's listener, other notifications to the settings'
 * listener, and server requests run their handler on a new virtual thread and are answered with a
 * POST. Also answers the input requests of a 2026-07-28 {@code input_required} result with the same
 * handlers.
 *
 * <p>Thread-safety: thread-safe; it keeps no state of its own besides final references.
 */
final class MessageDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(MessageDispatcher.class);

  private final ClientSettings settings;
  private final PendingCalls pending;
  private final ClientHttp http;

  /** The current session: where a server request that came on no session's stream is answered. */
  private final Supplier<@Nullable ClientSession> current;

  MessageDispatcher(
      ClientSettings settings,
      PendingCalls pending,
      ClientHttp http,
      Supplier<@Nullable ClientSession> current) {
    this.settings = settings;
    this.pending = pending;
    this.http = http;
    this.current = current;
  }

  void dispatchAll(String text, @Nullable ClientSession via) {
    try {
      dispatchEach(JsonRpcCodecs.readLeniently(text), via);
    } catch (MalformedMessageException e) {
      ignoreMalformed(e);
    }
  }

  /** As {@link #dispatchAll(String, ClientSession)}, for a body of UTF-8 bytes. */
  void dispatchAll(byte[] body, int length, @Nullable ClientSession via) {
    try {
      dispatchEach(JsonRpcCodecs.readLeniently(body, 0, length), via);
    } catch (MalformedMessageException e) {
      ignoreMalformed(e);
    }
  }

  private static void ignoreMalformed(MalformedMessageException e) {
    LOG.debug("ignoring a malformed message from the server: {}", e.getMessage());
  }

  private void dispatchEach(List<JsonRpcMessage> messages, @Nullable ClientSession via) {
    for (JsonRpcMessage message : messages) {
      dispatch(message, via);
    }
  }

  private void dispatch(JsonRpcMessage message, @Nullable ClientSession via) {
    switch (message) {
      case JsonRpcResponse response -> {
        PendingCalls.Pending call = pending.get(response.id());
        if (call != null) {
          call.answer().complete(response.result());
        }
      }
      case JsonRpcErrorResponse error -> {
        PendingCalls.Pending call = error.id() == null ? null : pending.get(error.id());
        if (call != null) {
          call.answer()
              .completeExceptionally(
                  new McpClientException(
                      "the server answered error "
                          + error.error().code()
                          + ": "
                          + error.error().message(),
                      error.error(),
                      0,
                      null));
        }
      }
      case JsonRpcNotification notification -> {
        if (McpMethod.NOTIFICATIONS_PROGRESS.wireName().equals(notification.method())
            && notification.params() != null) {
          progress(notification.params());
        } else {
          try {
            settings.notificationListener().accept(notification);
          } catch (RuntimeException e) {
            LOG.warn("the notification listener failed on {}", notification.method(), e);
          }
        }
      }
      case JsonRpcRequest request ->
          Thread.ofVirtual().name("mcp-client-handler").start(() -> answer(request, via));
    }
  }

  private void progress(JsonNode params) {
    JsonNode token = params.path("progressToken");
    RequestId id =
        token.isIntegralNumber() ? RequestId.of(token.asLong()) : RequestId.of(token.asString(""));
    PendingCalls.Pending call = pending.get(id);
    if (call == null || call.progress() == null) {
      return;
    }
    JsonNode total = params.get("total");
    JsonNode message = params.get("message");
    try {
      call.progress()
          .onProgress(
              new ProgressListener.Progress(
                  params.path("progress").asDouble(),
                  total == null || !total.isNumber() ? null : total.asDouble(),
                  message == null || !message.isString() ? null : message.asString()));
    } catch (RuntimeException e) {
      LOG.warn("a progress listener failed", e);
    }
  }

  private void answer(JsonRpcRequest request, @Nullable ClientSession via) {
    ClientSession target = via != null ? via : current.get();
    if (target == null) {
      return;
    }
    JsonRpcMessage reply;
    ServerRequestHandler handler = settings.handlers().get(request.method());
    if (handler == null && McpMethod.PING.wireName().equals(request.method())) {
      reply = new JsonRpcResponse(request.id(), JsonRpcCodecs.nodes().objectNode());
    } else if (handler == null) {
      reply =
          new JsonRpcErrorResponse(
              request.id(),
              JsonRpcError.of(JsonRpcError.METHOD_NOT_FOUND, "no handler for " + request.method()));
    } else {
      try {
        JsonNode params =
            request.params() == null ? JsonRpcCodecs.nodes().objectNode() : request.params();
        reply =
            new JsonRpcResponse(
                request.id(), requireNonNull(handler.handle(params), "handler result"));
      } catch (McpClientException e) {
        reply =
            new JsonRpcErrorResponse(
                request.id(),
                e.error()
                    .orElse(
                        JsonRpcError.of(
                            JsonRpcError.INTERNAL_ERROR, "the client could not answer")));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        LOG.warn("the handler of {} failed", request.method(), e);
        reply =
            new JsonRpcErrorResponse(
                request.id(),
                JsonRpcError.of(JsonRpcError.INTERNAL_ERROR, "the client could not answer"));
      }
    }
    try {
      http.post(target, JsonRpcCodecs.standard().encode(reply));
    } catch (McpClientException e) {
      LOG.debug("cannot answer {}", request.method(), e);
    }
  }

  /** Answers the input requests of an {@code input_required} result with this client's handlers. */
  JsonNode answerInput(String method, JsonNode params) throws Exception {
    ServerRequestHandler handler = settings.handlers().get(method);
    if (handler == null) {
      throw new McpClientException(
          "the server asks for " + method + ", which this client has no handler for", null);
    }
    return requireNonNull(handler.handle(params), "handler result");
  }
}
