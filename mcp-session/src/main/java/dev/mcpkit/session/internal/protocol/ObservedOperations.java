package dev.mcpkit.session.internal.protocol;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.jsonrpc.JsonRpcErrorResponse;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.jsonrpc.JsonRpcResponse;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.spi.McpServerObserver;
import dev.mcpkit.api.spi.transport.MessageSink;
import dev.mcpkit.api.spi.transport.Outcome;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reports the requests of both protocol generations to the engine's {@link McpServerObserver}, in
 * one place: the start of each request (its method and target bounded by {@link ObservedNames}, the
 * revision, the request's {@code _meta} and the HTTP version) and its end with the semantic
 * conventions' {@code error.type}.
 *
 * {@snippet :
 * McpServerObserver.Operation operation = observed.start(request, version, sink); // null: no observer
 * JsonRpcMessage response = respond(request);
 * ObservedOperations.end(operation, response);
 * }
 *
 * <p>Immutable and thread-safe (the observer's contract requires a thread-safe observer).
 */
public final class ObservedOperations {
  private final McpServerObserver observer;
  private final ObservedNames names;

  public ObservedOperations(McpServerObserver observer, McpServerConfig config) {
    this.observer = requireNonNull(observer, "observer");
    this.names = new ObservedNames(config);
  }

  /**
   * Reports a request's start.
   *
   * @param request the request
   * @param version the protocol revision it is served under, or {@code null} if unknown
   * @param sink the request's sink, for the HTTP version
   * @return the operation to end, or {@code null} when nothing observes (no bookkeeping at all)
   */
  public McpServerObserver.@Nullable Operation start(
      JsonRpcRequest request, @Nullable ProtocolVersion version, MessageSink sink) {
    if (observer == McpServerObserver.NONE) {
      return null;
    }
    return observer.operationStarted(
        names.method(request),
        names.target(request),
        version,
        RequestMeta.metaOf(request.params()),
        sink.networkProtocolVersion());
  }

  /**
   * Reports the end of a request answered with one response.
   *
   * @param operation what {@link #start} returned
   * @param response the response, or {@code null} when the request was cancelled
   */
  public static void end(
      McpServerObserver.@Nullable Operation operation, @Nullable JsonRpcMessage response) {
    if (operation != null) {
      operation.ended(errorType(response));
    }
  }

  /**
   * Reports the end of a request whose POST came to this outcome.
   *
   * @param operation what {@link #start} returned
   * @param outcome the outcome
   */
  public static void end(McpServerObserver.@Nullable Operation operation, Outcome outcome) {
    if (operation != null) {
      operation.ended(
          switch (outcome) {
            case Outcome.Rejected rejected -> Integer.toString(rejected.error().code());
            case Outcome.Answered answered ->
                errorType(answered.responses().isEmpty() ? null : answered.responses().getFirst());
            case Outcome.Accepted accepted -> null;
          });
    }
  }

  /**
   * The semantic conventions' {@code error.type}: the JSON-RPC code, {@code tool_error} for a
   * result with {@code isError}, {@code cancelled} for no response, {@code null} for success.
   */
  private static @Nullable String errorType(@Nullable JsonRpcMessage response) {
    return switch (response) {
      case null -> "cancelled";
      case JsonRpcErrorResponse error -> Integer.toString(error.error().code());
      case JsonRpcResponse ok -> {
        JsonNode isError = ok.result().get("isError");
        yield isError != null && isError.isBoolean() && isError.booleanValue()
            ? "tool_error"
            : null;
      }
      default -> null;
    };
  }
}
