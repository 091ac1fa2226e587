package dev.mcpkit.transport.jetty.internal;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves extra GET paths beside the MCP endpoint whose bodies are text computed per request (e.g.
 * {@code /metrics} in the Prometheus format); every other request goes to the wrapped handler.
 * Thread-safe if the suppliers are.
 */
public final class TextEndpointsHandler extends Handler.Wrapper {
  private final Map<String, TextEndpoint> endpoints;
  private final Executor requestThreads;

  /**
   * One extra path.
   *
   * @param contentType the {@code Content-Type} of the answers
   * @param body computes the body of each answer
   */
  public record TextEndpoint(String contentType, Supplier<String> body) {
    /** Validates the fields. */
    public TextEndpoint {
      requireNonNull(contentType, "contentType");
      requireNonNull(body, "body");
    }
  }

  /**
   * Wraps a handler.
   *
   * @param handler the handler of every other request
   * @param endpoints the extra paths
   * @param requestThreads computes the bodies: their suppliers may take a while (a metrics scrape),
   *     and this handler may be called on an I/O thread
   */
  public TextEndpointsHandler(
      Handler handler, Map<String, TextEndpoint> endpoints, Executor requestThreads) {
    super(requireNonNull(handler, "handler"));
    this.endpoints = Map.copyOf(endpoints);
    this.requestThreads = requireNonNull(requestThreads, "requestThreads");
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    TextEndpoint endpoint = endpoints.get(Request.getPathInContext(request));
    if (endpoint == null) {
      return super.handle(request, response, callback);
    }
    if (!HttpMethod.GET.is(request.getMethod())) {
      response.getHeaders().put(HttpHeader.ALLOW, "GET");
      Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
      return true;
    }
    try {
      requestThreads.execute(() -> answer(endpoint, response, callback));
    } catch (RejectedExecutionException e) {
      callback.failed(e); // the server is stopping
    }
    return true;
  }

  private static void answer(TextEndpoint endpoint, Response response, Callback callback) {
    byte[] body;
    try {
      body = endpoint.body().get().getBytes(StandardCharsets.UTF_8);
    } catch (RuntimeException e) {
      callback.failed(e); // Jetty answers 500 without the exception's text
      return;
    }
    response.setStatus(HttpStatus.OK_200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, endpoint.contentType());
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }
}
