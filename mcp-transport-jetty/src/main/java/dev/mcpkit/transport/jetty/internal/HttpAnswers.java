package dev.mcpkit.transport.jetty.internal;

import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcErrorResponse;
import dev.mcpkit.api.server.JsonRpcCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;

/** Writes complete, non-streamed answers: JSON-RPC errors with a status, and empty statuses. */
final class HttpAnswers {
  /** Encoded once; added, not put, below: {@code put} compares its name with every field already set. */
  private static final HttpField JSON_CONTENT_TYPE =
      new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, MediaTypes.APPLICATION_JSON);
  private static final HttpField NO_CONTENT = new PreEncodedHttpField(HttpHeader.CONTENT_LENGTH, "0");

  private HttpAnswers() {}

  /** Answers a status with a JSON-RPC error body that has a {@code null} id. Blocks. */
  static void error(Response response, JsonRpcCodec codec, int status, int code, String message) throws IOException {
    error(response, codec, status, JsonRpcError.of(code, message));
  }

  /** Answers a status with a JSON-RPC error body that has a {@code null} id. Blocks. */
  static void error(Response response, JsonRpcCodec codec, int status, JsonRpcError error) throws IOException {
    json(response, status, codec.encode(new JsonRpcErrorResponse(null, error)));
  }

  /** An error answer that echoes the id of the request it refuses. */
  static void error(Response response, JsonRpcCodec codec, int status, JsonRpcError error,
      dev.mcpkit.api.jsonrpc.@org.jspecify.annotations.Nullable RequestId id) throws IOException {
    json(response, status, codec.encode(new JsonRpcErrorResponse(id, error)));
  }

  /**
   * Answers a status with a JSON body. Blocks. Called once per response, before anything set a
   * content type or length, so the fields are added without looking for earlier ones.
   */
  static void json(Response response, int status, byte[] body) throws IOException {
    response.setStatus(status);
    response.getHeaders().add(JSON_CONTENT_TYPE)
        .add(new HttpField.LongValueHttpField(HttpHeader.CONTENT_LENGTH, body.length));
    Content.Sink.write(response, true, ByteBuffer.wrap(body));
  }

  /** Answers a status without a body. Blocks. Called once per response, like {@link #json}. */
  static void empty(Response response, int status) throws IOException {
    response.setStatus(status);
    response.getHeaders().add(NO_CONTENT);
    Content.Sink.write(response, true, ByteBuffer.allocate(0));
  }
}
