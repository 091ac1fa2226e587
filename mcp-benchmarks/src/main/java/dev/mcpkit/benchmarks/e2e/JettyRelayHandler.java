package dev.mcpkit.benchmarks.e2e;

import java.net.URI;
import java.nio.ByteBuffer;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.ByteBufferRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The floor of a proxy: a non-blocking Jetty core handler that forwards each POST (and DELETE) to
 * one upstream with Jetty's {@link HttpClient}, asynchronously, and copies the answer back. It
 * reads the request body, sends it with the headers an MCP server needs ({@code Content-Type},
 * {@code Accept}, {@code Mcp-Session-Id}, {@code MCP-Protocol-Version}) and completes the server's
 * response from the client's completion callback: no thread waits, no JSON is parsed, no MCP logic.
 * The answer is buffered whole ({@link BufferingResponseListener}), so a {@code text/event-stream}
 * answer is relayed once the upstream ends it; a {@code GET} (a standalone stream) is refused.
 *
 * <p>Thread-safe: Jetty's client is, and nothing else is shared.
 */
final class JettyRelayHandler extends Handler.Abstract.NonBlocking {
  private static final String SESSION_ID = "Mcp-Session-Id";
  private static final String PROTOCOL_VERSION = "MCP-Protocol-Version";

  /** Bodies the relay buffers at most, per answer. */
  private static final int MAX_ANSWER_BYTES = 16 * 1024 * 1024;

  private final HttpClient client;
  private final URI upstream;

  JettyRelayHandler(HttpClient client, URI upstream) {
    this.client = client;
    this.upstream = upstream;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String method = request.getMethod();
    if (HttpMethod.DELETE.is(method)) {
      forward(request, HttpMethod.DELETE, null, response, callback);
      return true;
    }
    if (!HttpMethod.POST.is(method)) {
      response.setStatus(HttpStatus.METHOD_NOT_ALLOWED_405);
      callback.succeeded();
      return true;
    }
    Content.Source.asByteBufferAsync(request)
        .whenComplete(
            (body, failure) -> {
              if (failure != null) {
                callback.failed(failure);
              } else {
                forward(request, HttpMethod.POST, body, response, callback);
              }
            });
    return true;
  }

  private void forward(
      Request request,
      HttpMethod method,
      @org.jspecify.annotations.Nullable ByteBuffer body,
      Response response,
      Callback callback) {
    HttpFields in = request.getHeaders();
    org.eclipse.jetty.client.Request out =
        client
            .newRequest(upstream)
            .method(method)
            .headers(
                headers -> {
                  copy(in, headers, HttpHeader.ACCEPT.asString());
                  copy(in, headers, SESSION_ID);
                  copy(in, headers, PROTOCOL_VERSION);
                });
    if (body != null) {
      String contentType = in.get(HttpHeader.CONTENT_TYPE);
      out.body(
          new ByteBufferRequestContent(
              contentType == null ? "application/json" : contentType, body));
    }
    out.send(
        new BufferingResponseListener(MAX_ANSWER_BYTES) {
          @Override
          public void onComplete(Result result) {
            if (result.isFailed()) {
              Response.writeError(
                  request,
                  response,
                  callback,
                  HttpStatus.BAD_GATEWAY_502,
                  null,
                  result.getFailure());
              return;
            }
            var answer = result.getResponse();
            response.setStatus(answer.getStatus());
            HttpFields.Mutable headers = response.getHeaders();
            for (HttpField field : answer.getHeaders()) {
              if (field.is(HttpHeader.CONTENT_TYPE.asString())
                  || field.is(SESSION_ID)
                  || field.is(PROTOCOL_VERSION)) {
                headers.add(field);
              }
            }
            byte[] content = getContent();
            response.write(true, ByteBuffer.wrap(content), callback);
          }
        });
  }

  private static void copy(HttpFields from, HttpFields.Mutable to, String name) {
    String value = from.get(name);
    if (value != null) {
      to.put(name, value);
    }
  }
}
