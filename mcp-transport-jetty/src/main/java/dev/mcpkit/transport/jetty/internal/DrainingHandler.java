package dev.mcpkit.transport.jetty.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.spi.transport.JsonRpcCodec;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Graceful shutdown: once the server stops, requests in flight finish (within the server's stop
 * timeout) while new ones are refused with 503, as a JSON-RPC error on the MCP endpoint and as
 * {@code {"status":"draining"}} on the health check. Thread-safe.
 */
public final class DrainingHandler extends GracefulHandler {
  private static final byte[] DRAINING =
      "{\"status\":\"draining\"}".getBytes(StandardCharsets.US_ASCII);

  private final JsonRpcCodec codec;
  private final String healthPath;

  /**
   * Wraps a handler.
   *
   * @param handler the handler to drain
   * @param codec writes the JSON-RPC error bodies
   * @param healthPath the health check's path
   */
  public DrainingHandler(Handler handler, JsonRpcCodec codec, String healthPath) {
    super(requireNonNull(handler, "handler"));
    this.codec = requireNonNull(codec, "codec");
    this.healthPath = requireNonNull(healthPath, "healthPath");
  }

  @Override
  protected void handleShutdownRejection(Request request, Response response, Callback callback) {
    // Never blocks: the handlers below are non-blocking, so this may run on an I/O thread.
    response.getHeaders().put(HttpHeader.CONNECTION, "close");
    if (Request.getPathInContext(request).equals(healthPath)) {
      HttpAnswers.json(response, HttpStatus.SERVICE_UNAVAILABLE_503, DRAINING, callback);
    } else {
      HttpAnswers.error(
          response,
          codec,
          HttpStatus.SERVICE_UNAVAILABLE_503,
          JsonRpcError.of(
              JsonRpcError.INTERNAL_ERROR, "Service Unavailable: the server is shutting down"),
          null,
          callback);
    }
  }
}
