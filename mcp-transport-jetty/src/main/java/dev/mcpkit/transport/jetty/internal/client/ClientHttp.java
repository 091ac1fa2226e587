package dev.mcpkit.transport.jetty.internal.client;

import dev.mcpkit.api.McpHeaders;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.spi.transport.HttpClientObserver;
import dev.mcpkit.transport.jetty.ClientAuthorization;
import dev.mcpkit.transport.jetty.internal.HttpVersions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's HTTP side: Jetty's {@link HttpClient} with the settings' pool and protocol choice,
 * requests that carry the session's headers and report to the {@link HttpClientObserver}, and the
 * POST of a notification or a response.
 *
 * <p>Thread-safety: thread-safe; Jetty's client is, and the fields are final.
 */
final class ClientHttp {
  private static final Logger LOG = LoggerFactory.getLogger(ClientHttp.class);
  static final String ACCEPT_POST = "application/json, text/event-stream";
  static final String EVENT_STREAM = "text/event-stream";

  private final ClientSettings settings;
  private final HttpClient http;
  private final HttpClientObserver httpObserver;
  private final HttpPool pool;

  /** Whether this session started {@link #pool} (and stops it), rather than shares it. */
  private final boolean ownsPool;

  /**
   * The endpoint's scheme, host and port, as observers report them ({@code server.*}, {@code
   * url.scheme}).
   */
  private final String scheme;

  private final String host;
  private final int port;

  private ClientHttp(ClientSettings settings, HttpPool pool, boolean ownsPool) {
    this.settings = settings;
    this.pool = pool;
    this.ownsPool = ownsPool;
    this.http = pool.http();
    this.httpObserver = settings.httpObserver();
    this.scheme = schemeOf(settings);
    this.host = hostOf(settings);
    this.port = portOf(settings);
  }

  private static String schemeOf(ClientSettings settings) {
    return settings.endpoint().getScheme();
  }

  private static String hostOf(ClientSettings settings) {
    String host = settings.endpoint().getHost();
    return host == null ? "" : host;
  }

  private static int portOf(ClientSettings settings) {
    int port = settings.endpoint().getPort();
    return port >= 0 ? port : "https".equals(schemeOf(settings)) ? 443 : 80;
  }

  /**
   * The HTTP side of a client session: on the pool the settings share, or on a pool of its own,
   * started here with the settings' pool and protocol choice.
   */
  static ClientHttp start(ClientSettings settings) {
    HttpPool shared = settings.sharedPool();
    return shared != null
        ? new ClientHttp(settings, shared, false)
        : new ClientHttp(settings, HttpPool.start(settings.pool()), true);
  }

  /** The endpoint's host, as observers report it. */
  String host() {
    return host;
  }

  /** The endpoint's port (the scheme's default when the URI has none), as observers report it. */
  int port() {
    return port;
  }

  /**
   * A request to the endpoint, observed, with the authorization's headers and the session's when
   * {@code via} is set.
   */
  Request newRequest(@Nullable ClientSession via, HttpMethod method) {
    Request request = http.newRequest(settings.endpoint()).method(method);
    Map<String, String> credentials =
        settings.authorization().headers(method.asString(), settings.endpoint());
    if (!credentials.isEmpty()) {
      request.headers(h -> credentials.forEach(h::put));
    }
    if (httpObserver != HttpClientObserver.NONE) {
      HttpClientObserver.Exchange exchange =
          httpObserver.requestStarted(method.asString(), scheme, host, port);
      request.onComplete(
          result -> {
            Response response = result.getResponse();
            int status = response == null ? 0 : response.getStatus();
            Throwable failure = result.getFailure();
            exchange.ended(
                status,
                status == 0 ? null : HttpVersions.of(response.getVersion()),
                failure == null ? null : failure.getClass().getName());
          });
    }
    if (via != null) {
      request.headers(
          h -> {
            if (via.id() != null) {
              h.put(McpHeaders.MCP_SESSION_ID, via.id());
            }
            h.put(McpHeaders.MCP_PROTOCOL_VERSION, via.version().wireName());
          });
    }
    return request;
  }

  /**
   * Whether a refused request is to be sent again: the answer is 401 or 403, the request was sent
   * fewer than {@link ClientAuthorization#MAX_ATTEMPTS} times, and the authorization says so (after
   * obtaining new credentials).
   */
  boolean sendAgain(Response response, HttpMethod method, int attempt) {
    if (!mayRefuse(response) || attempt >= ClientAuthorization.MAX_ATTEMPTS) {
      return false;
    }
    int status = response.getStatus();
    Map<String, List<String>> headers = new HashMap<>();
    for (HttpField field : response.getHeaders()) {
      headers
          .computeIfAbsent(field.getLowerCaseName(), n -> new ArrayList<>())
          .add(field.getValue());
    }
    return settings
        .authorization()
        .refused(
            new ClientAuthorization.Refusal(
                status, method.asString(), settings.endpoint(), headers, attempt));
  }

  /**
   * Whether {@link #sendAgain} is to be asked about this answer: a 401 or 403 while an
   * authorization is set. Never blocks, unlike {@link #sendAgain}, whose authorization may obtain
   * new credentials over the network.
   */
  boolean mayRefuse(Response response) {
    int status = response.getStatus();
    return (status == 401 || status == 403) && settings.authorization() != ClientAuthorization.NONE;
  }

  /** Posts a notification or a response: the server answers 202 with no body. */
  void post(ClientSession via, byte[] body) {
    try {
      ContentResponse response;
      int attempt = 1;
      do {
        response =
            newRequest(via, HttpMethod.POST)
                .headers(h -> h.put(HttpHeader.ACCEPT, ACCEPT_POST))
                .body(new BytesRequestContent("application/json", body))
                .timeout(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .send();
      } while (sendAgain(response, HttpMethod.POST, attempt++));
      if (response.getStatus() / 100 != 2) {
        throw new McpClientException(
            "the server answered HTTP " + response.getStatus() + " to a message",
            null,
            response.getStatus(),
            null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new McpClientException("interrupted while posting a message", e);
    } catch (TimeoutException | ExecutionException e) {
      throw new McpClientException("cannot post a message: " + e.getMessage(), e);
    }
  }

  /** Ends the session with DELETE, as the client's last request; failures are only logged. */
  void delete(ClientSession session) {
    try {
      newRequest(session, HttpMethod.DELETE)
          .timeout(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
          .send();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (TimeoutException | ExecutionException e) {
      LOG.debug("DELETE of the session failed", e);
    }
  }

  /** Ends the pool observation and stops Jetty's client. */
  /** Stops Jetty's client if this session owns it; a shared pool stays up for the others. */
  void stop() {
    if (ownsPool) {
      pool.stop();
    }
  }

  static void drain(InputStreamResponseListener listener) {
    try (InputStream in = listener.getInputStream()) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException ignored) {
      // the body of an error answer is not needed
    }
  }
}
