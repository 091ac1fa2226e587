package dev.mcpkit.transport.jetty.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.spi.transport.HttpServerObserver;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Reports every exchange the wrapped handler takes to an {@link HttpServerObserver}: its start, and
 * its end with the status when the exchange's callback completes (for a GET stream, when the stream
 * ended). Only installed when an observer is configured. Thread-safe and stateless.
 */
public final class ObservingHandler extends Handler.Wrapper {
  private final HttpServerObserver observer;

  /**
   * Wraps a handler.
   *
   * @param handler the handler whose exchanges are observed
   * @param observer the observer
   */
  public ObservingHandler(Handler handler, HttpServerObserver observer) {
    super(requireNonNull(handler, "handler"));
    this.observer = requireNonNull(observer, "observer");
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    HttpServerObserver.Exchange exchange =
        observer.requestStarted(
            request.getMethod(),
            String.valueOf(HttpVersions.of(request.getConnectionMetaData().getHttpVersion())),
            request.getHttpURI().getScheme());
    Observed observed = new Observed(callback, response, exchange);
    boolean handled;
    try {
      handled = super.handle(request, response, observed);
    } catch (Throwable x) {
      observed.end(500, true);
      throw x;
    }
    if (!handled) {
      // Jetty answers 404 itself; it is still an exchange of this server.
      exchange.ended(404, false);
    }
    return handled;
  }

  /** Ends the observed exchange (once) when Jetty's callback completes. */
  private static final class Observed implements Callback {
    private final Callback delegate;
    private final Response response;
    private final HttpServerObserver.Exchange exchange;
    private final AtomicBoolean ended = new AtomicBoolean();

    Observed(Callback delegate, Response response, HttpServerObserver.Exchange exchange) {
      this.delegate = delegate;
      this.response = response;
      this.exchange = exchange;
    }

    /** A handler that throws after completing the callback must not end the exchange twice. */
    void end(int status, boolean failed) {
      if (ended.compareAndSet(false, true)) {
        exchange.ended(status, failed);
      }
    }

    @Override
    public void succeeded() {
      end(response.getStatus(), false);
      delegate.succeeded();
    }

    @Override
    public void failed(Throwable x) {
      end(response.isCommitted() ? response.getStatus() : 500, true);
      delegate.failed(x);
    }

    @Override
    public InvocationType getInvocationType() {
      return delegate.getInvocationType();
    }
  }
}
