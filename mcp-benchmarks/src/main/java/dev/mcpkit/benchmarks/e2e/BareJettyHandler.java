package dev.mcpkit.benchmarks.e2e;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The floor: a non-blocking Jetty core handler that reads the request body, finds the JSON-RPC
 * {@code id} by a byte scan and answers a canned result around it. No JSON parsing, no session
 * table, no MCP semantics: {@code initialize} gets a canned result and a fresh {@code
 * Mcp-Session-Id}, notifications get 202, {@code DELETE} gets 200, anything else gets the canned
 * {@code echo} result. What any MCP server must do at least is here; nothing more.
 *
 * <p>Thread-safe: stateless.
 */
final class BareJettyHandler extends Handler.Abstract.NonBlocking {
  private static final String INITIALIZE_PREFIX = "{\"jsonrpc\":\"2.0\",\"id\":";
  private static final String INITIALIZE_SUFFIX =
      ",\"result\":{\"protocolVersion\":\"2025-11-25\","
          + "\"capabilities\":{\"tools\":{\"listChanged\":false}},\"serverInfo\":{\"name\":\"jetty-echo\",\"version\":\"1.0\"}}}";
  private static final String CALL_PREFIX = "{\"jsonrpc\":\"2.0\",\"id\":";
  private static final String CALL_SUFFIX =
      ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\""
          + EchoTool.MESSAGE
          + "\"}],\"isError\":false}}";
  private static final byte[] ID_KEY = "\"id\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] INITIALIZE_KEY = "\"initialize\"".getBytes(StandardCharsets.US_ASCII);

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    if (HttpMethod.DELETE.is(request.getMethod())) {
      response.setStatus(HttpStatus.OK_200);
      callback.succeeded();
      return true;
    }
    Content.Source.asByteBufferAsync(request)
        .whenComplete(
            (body, failure) -> {
              if (failure != null) {
                callback.failed(failure);
                return;
              }
              answer(body, response, callback);
            });
    return true;
  }

  private static void answer(ByteBuffer body, Response response, Callback callback) {
    int idAt = indexOf(body, ID_KEY);
    if (idAt < 0) {
      response.setStatus(HttpStatus.ACCEPTED_202);
      callback.succeeded();
      return;
    }
    int start = idAt + ID_KEY.length;
    int end = start;
    while (end < body.limit() && Character.isDigit(body.get(end))) {
      end++;
    }
    String id = StandardCharsets.US_ASCII.decode(body.slice(start, end - start)).toString();
    String json;
    if (indexOf(body, INITIALIZE_KEY) >= 0) {
      response.getHeaders().put("Mcp-Session-Id", UUID.randomUUID().toString());
      json = INITIALIZE_PREFIX + id + INITIALIZE_SUFFIX;
    } else {
      json = CALL_PREFIX + id + CALL_SUFFIX;
    }
    response.setStatus(HttpStatus.OK_200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), callback);
  }

  private static int indexOf(ByteBuffer haystack, byte[] needle) {
    int last = haystack.limit() - needle.length;
    outer:
    for (int i = haystack.position(); i <= last; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack.get(i + j) != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
