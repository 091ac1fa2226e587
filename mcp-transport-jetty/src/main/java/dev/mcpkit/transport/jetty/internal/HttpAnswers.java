package dev.mcpkit.transport.jetty.internal;

import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcErrorResponse;
import dev.mcpkit.api.spi.StoreUnavailableException;
import dev.mcpkit.api.spi.transport.JsonRpcCodec;
import dev.mcpkit.api.spi.transport.Outcome;
import dev.mcpkit.api.spi.transport.Rejection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Writes complete, non-streamed answers: JSON-RPC errors with a status, and empty statuses. The
 * methods with a {@link Callback} never block (for I/O threads): the callback completes the
 * exchange once the answer is written; the others block until it is.
 */
final class HttpAnswers {
  /**
   * Encoded once; added, not put, below: {@code put} compares its name with every field already
   * set.
   */
  private static final HttpField JSON_CONTENT_TYPE =
      new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, MediaTypes.APPLICATION_JSON);

  private static final HttpField NO_CONTENT =
      new PreEncodedHttpField(HttpHeader.CONTENT_LENGTH, "0");

  /** How long a client should wait before retrying a 503, in seconds. */
  static final int RETRY_AFTER_SECONDS = 1;

  private HttpAnswers() {}

  /** Answers a status with a JSON-RPC error body that has a {@code null} id. Blocks. */
  static void error(Response response, JsonRpcCodec codec, int status, int code, String message)
      throws IOException {
    error(response, codec, status, JsonRpcError.of(code, message));
  }

  /** Answers a status with a JSON-RPC error body that has a {@code null} id. Blocks. */
  static void error(Response response, JsonRpcCodec codec, int status, JsonRpcError error)
      throws IOException {
    json(response, status, codec.encode(new JsonRpcErrorResponse(null, error)));
  }

  /** An error answer that echoes the id of the request it refuses. */
  static void error(
      Response response,
      JsonRpcCodec codec,
      int status,
      JsonRpcError error,
      dev.mcpkit.api.jsonrpc.@org.jspecify.annotations.Nullable RequestId id)
      throws IOException {
    json(response, status, codec.encode(new JsonRpcErrorResponse(id, error)));
  }

  /**
   * Answers a request whose serving threw: 503 with {@code Retry-After} if a shared store could not
   * be reached (the session may well exist), else 500; a generic message, never the exception's. If
   * the response is already committed, the exchange fails instead. Never blocks.
   */
  static void failure(Response response, JsonRpcCodec codec, Throwable x, Callback callback) {
    if (response.isCommitted()) {
      callback.failed(x);
      return;
    }
    // The answers add these without looking for earlier ones; a failure between their setting and
    // the commit must not leave them doubled.
    response.getHeaders().remove(HttpHeader.CONTENT_TYPE);
    response.getHeaders().remove(HttpHeader.CONTENT_LENGTH);
    if (x instanceof StoreUnavailableException) {
      response.getHeaders().put(HttpHeader.RETRY_AFTER, RETRY_AFTER_SECONDS);
      error(
          response,
          codec,
          HttpStatus.SERVICE_UNAVAILABLE_503,
          JsonRpcError.of(
              JsonRpcError.INTERNAL_ERROR,
              "Service Unavailable: the session store cannot be reached; retry later"),
          null,
          callback);
    } else {
      error(
          response,
          codec,
          HttpStatus.INTERNAL_SERVER_ERROR_500,
          JsonRpcError.of(JsonRpcError.INTERNAL_ERROR, "Internal error"),
          null,
          callback);
    }
  }

  /** The HTTP status of an engine's refusal. */
  static int statusOf(Rejection rejection) {
    return switch (rejection) {
      case MISSING_SESSION, INVALID_MESSAGE -> HttpStatus.BAD_REQUEST_400;
      case UNKNOWN_SESSION, METHOD_NOT_FOUND -> HttpStatus.NOT_FOUND_404;
      case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE_503;
      case TOO_MANY_REQUESTS -> HttpStatus.TOO_MANY_REQUESTS_429;
      case INSUFFICIENT_SCOPE -> HttpStatus.FORBIDDEN_403;
    };
  }

  /**
   * Adds {@code Retry-After} (whole seconds, rounded up, at least one) if the refusal carries a
   * hint; before the answer is written.
   */
  static void retryAfter(Response response, Outcome.Rejected rejected) {
    Duration after = rejected.retryAfter();
    if (after != null) {
      long seconds = Math.max(1, after.plusMillis(999).toSeconds());
      response.getHeaders().put(HttpHeader.RETRY_AFTER, seconds);
    }
  }

  /** The address a request came from (the client's IP, or the forwarded one if so configured). */
  static @org.jspecify.annotations.Nullable String clientAddress(
      org.eclipse.jetty.server.Request request) {
    return org.eclipse.jetty.server.Request.getRemoteAddr(request);
  }

  /** Answers a status with a JSON-RPC error body that echoes {@code id}; never blocks. */
  static void error(
      Response response,
      JsonRpcCodec codec,
      int status,
      JsonRpcError error,
      dev.mcpkit.api.jsonrpc.@org.jspecify.annotations.Nullable RequestId id,
      Callback callback) {
    json(response, status, codec.encode(new JsonRpcErrorResponse(id, error)), callback);
  }

  /**
   * Answers a status with a JSON body; never blocks. Called once per response, like {@link #json}.
   */
  static void json(Response response, int status, byte[] body, Callback callback) {
    jsonHeaders(response, status, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  /**
   * Answers a status without a body; never blocks. Called once per response, like {@link #json}.
   */
  static void empty(Response response, int status, Callback callback) {
    response.setStatus(status);
    response.getHeaders().add(NO_CONTENT);
    response.write(true, ByteBuffer.allocate(0), callback);
  }

  /**
   * Answers a status with a JSON body. Blocks. Called once per response, before anything set a
   * content type or length, so the fields are added without looking for earlier ones.
   */
  static void json(Response response, int status, byte[] body) throws IOException {
    jsonHeaders(response, status, body.length);
    Content.Sink.write(response, true, ByteBuffer.wrap(body));
  }

  private static void jsonHeaders(Response response, int status, int length) {
    response.setStatus(status);
    response.getHeaders().add(JSON_CONTENT_TYPE).add(ContentLengths.of(length));
  }

  /** Answers a status without a body. Blocks. Called once per response, like {@link #json}. */
  static void empty(Response response, int status) throws IOException {
    response.setStatus(status);
    response.getHeaders().add(NO_CONTENT);
    Content.Sink.write(response, true, ByteBuffer.allocate(0));
  }
}
