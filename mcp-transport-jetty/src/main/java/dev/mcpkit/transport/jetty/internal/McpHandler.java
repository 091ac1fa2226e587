package dev.mcpkit.transport.jetty.internal;

import dev.mcpkit.api.spi.transport.HttpServerObserver;
import dev.mcpkit.api.spi.transport.JsonRpcCodec;
import dev.mcpkit.api.spi.transport.TransportEngine;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * The MCP Streamable HTTP endpoint as a Jetty 12 core handler, plus a health check. A non-blocking
 * handler: Jetty calls it on the I/O thread that parsed the request. A POST or DELETE that nothing
 * about may block is served right there ({@link InlineRequests}); every other request of the
 * endpoint is handed to a request thread (a virtual thread, {@link BlockingRequests}), where it may
 * block. Thread-safe and stateless per request.
 */
public final class McpHandler extends Handler.Abstract {
  private static final byte[] HEALTHY = "{\"status\":\"ok\"}".getBytes(StandardCharsets.US_ASCII);

  private final JsonRpcCodec codec;
  private final TransportSettings settings;
  private final InlineRequests inline;
  private final BlockingRequests blocking;
  private final Executor requestThreads;

  /**
   * Creates the handler.
   *
   * @param engine the protocol engine
   * @param settings the endpoint's settings
   * @param streams the SSE streams of the sessions
   * @param observer told when the executor is saturated
   * @param requestThreads runs the requests that may block (virtual threads)
   */
  public McpHandler(
      TransportEngine engine,
      TransportSettings settings,
      StreamRegistry streams,
      HttpServerObserver observer,
      Executor requestThreads) {
    super(InvocationType.NON_BLOCKING);
    EndpointParts parts = EndpointParts.of(engine, settings, streams, observer, requestThreads);
    this.codec = parts.codec();
    this.settings = settings;
    this.requestThreads = requestThreads;
    this.blocking = new BlockingRequests(parts);
    this.inline = new InlineRequests(parts, new LaterRequests(parts, blocking));
  }

  @Override
  public boolean handle(Request request, Response response, Callback exchange) {
    String path = Request.getPathInContext(request);
    if (path.equals(settings.endpointPath())) {
      // A POST whose stream the tool closed early (polling) completes the exchange before the
      // request thread returns, so the connection serves the client's next request (its resumption
      // GET, on HTTP/1.1) while the tool still runs; whatever completes second is ignored.
      Callback callback = new CompleteOnce(exchange);
      inline.serve(
          request,
          response,
          callback,
          (passed, preread) -> handOff(request, response, callback, passed, preread));
      return true;
    }
    if (path.equals(settings.healthPath()) && HttpMethod.GET.is(request.getMethod())) {
      HttpAnswers.json(response, HttpStatus.OK_200, HEALTHY, exchange);
      return true;
    }
    return false;
  }

  /** Serves the request on a request thread, where it may block. */
  private void handOff(
      Request request,
      Response response,
      Callback callback,
      RequestGate.@Nullable Passed passed,
      @Nullable Preread preread) {
    try {
      requestThreads.execute(() -> blocking.serve(request, response, callback, passed, preread));
    } catch (RejectedExecutionException e) {
      // The server is stopping: its executor takes no more work.
      HttpAnswers.failure(response, codec, e, callback);
    }
  }

  /** Completes the exchange once: the first of succeeded/failed wins, later calls do nothing. */
  private static final class CompleteOnce implements Callback {
    private final Callback delegate;
    private final java.util.concurrent.atomic.AtomicBoolean done =
        new java.util.concurrent.atomic.AtomicBoolean();

    CompleteOnce(Callback delegate) {
      this.delegate = delegate;
    }

    @Override
    public void succeeded() {
      if (done.compareAndSet(false, true)) {
        delegate.succeeded();
      }
    }

    @Override
    public void failed(Throwable x) {
      if (done.compareAndSet(false, true)) {
        delegate.failed(x);
      }
    }

    @Override
    public InvocationType getInvocationType() {
      return delegate.getInvocationType();
    }
  }
}
