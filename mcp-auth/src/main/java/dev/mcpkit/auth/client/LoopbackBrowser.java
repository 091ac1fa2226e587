package dev.mcpkit.auth.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mcpkit.api.client.McpClientException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * {@link AuthorizationBrowser#loopback}: the native-app pattern of RFC 8252 §7.3. For each
 * authorization it listens on the redirect URI's loopback address and port, has the request opened
 * (by a browser, or by a person the address was shown to), and returns the first request to the
 * redirect path that carries {@code code} or {@code error}; the browser gets a short page saying it
 * can be closed. Other requests (a favicon, a reload without parameters) get 404 and are ignored.
 * The listener is closed when the answer arrives, the wait times out, or the thread is interrupted.
 *
 * <p>Thread-safety: stateless between calls; each call binds its own listener, so two concurrent
 * authorizations on the same redirect port fail the second one's bind with a clear error.
 */
final class LoopbackBrowser implements AuthorizationBrowser {
  private static final byte[] DONE_PAGE =
      ("<!doctype html><html><head><meta charset=\"utf-8\"><title>Authorized</title></head>"
              + "<body><p>Authorization received. You can close this window.</p></body></html>")
          .getBytes(StandardCharsets.UTF_8);

  private final Consumer<URI> opener;
  private final Duration timeout;

  LoopbackBrowser(Consumer<URI> opener, Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    this.opener = opener;
    this.timeout = timeout;
  }

  @Override
  public URI authorize(URI request, URI redirectUri) {
    requireWebAddress(request);
    InetSocketAddress address = loopbackAddress(redirectUri);
    String path = redirectUri.getRawPath() == null ? "" : redirectUri.getRawPath();
    String callbackPath = path.isEmpty() ? "/" : path;
    CompletableFuture<URI> answer = new CompletableFuture<>();
    HttpServer listener;
    try {
      listener = HttpServer.create(address, 4);
    } catch (IOException e) {
      throw new McpClientException(
          "cannot listen on the redirect URI "
              + redirectUri
              + " (is another authorization using the port?): "
              + e.getMessage(),
          e);
    }
    listener.createContext("/", exchange -> handle(exchange, callbackPath, redirectUri, answer));
    listener.start();
    try {
      opener.accept(request);
      return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new McpClientException(
          "no authorization response arrived at " + redirectUri + " within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new McpClientException("interrupted while waiting for the authorization", e);
    } catch (ExecutionException e) {
      throw new McpClientException("the authorization step failed", e.getCause());
    } finally {
      listener.stop(0);
    }
  }

  private static void handle(
      HttpExchange exchange, String callbackPath, URI redirectUri, CompletableFuture<URI> answer)
      throws IOException {
    try (exchange) {
      URI received = exchange.getRequestURI();
      String query = received.getRawQuery();
      boolean isAnswer =
          "GET".equals(exchange.getRequestMethod())
              && callbackPath.equals(received.getRawPath())
              && query != null
              && (hasParameter(query, "code") || hasParameter(query, "error"));
      if (!isAnswer) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      // The page first: completing the answer lets authorize() stop the listener.
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.sendResponseHeaders(200, DONE_PAGE.length);
      try (OutputStream body = exchange.getResponseBody()) {
        body.write(DONE_PAGE);
      } finally {
        answer.complete(
            URI.create(
                redirectUri.getScheme()
                    + "://"
                    + redirectUri.getRawAuthority()
                    + received.getRawPath()
                    + "?"
                    + query));
      }
    }
  }

  private static boolean hasParameter(String rawQuery, String name) {
    for (String pair : rawQuery.split("&")) {
      if (pair.equals(name) || pair.startsWith(name + "=")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The address to listen on: the redirect URI must be {@code http} on a loopback host with an
   * explicit port (RFC 8252 §7.3; a loopback redirect never uses TLS).
   */
  private static InetSocketAddress loopbackAddress(URI redirectUri) {
    String host = redirectUri.getHost();
    if (!"http".equals(redirectUri.getScheme()) || host == null || redirectUri.getPort() <= 0) {
      throw new McpClientException(
          "a loopback browser needs a redirect URI like http://127.0.0.1:PORT/callback, was "
              + redirectUri,
          null);
    }
    String literal =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    InetAddress address;
    if (literal.equalsIgnoreCase("localhost")) {
      address = InetAddress.getLoopbackAddress();
    } else if (literal.equals("127.0.0.1") || literal.equals("::1")) {
      try {
        address = InetAddress.getByName(literal); // a literal: no name lookup
      } catch (IOException e) {
        throw new McpClientException("not an address: " + literal, e);
      }
    } else {
      throw new McpClientException(
          "a loopback browser listens only on 127.0.0.1, [::1] or localhost, not " + host, null);
    }
    return new InetSocketAddress(address, redirectUri.getPort());
  }

  /**
   * The authorization request comes from the authorization server's metadata; only {@code https}
   * (or {@code http} on a loopback host, for tests) is handed to a browser or shown to a person,
   * never a {@code file:}, {@code javascript:} or other address.
   */
  private static void requireWebAddress(URI request) {
    String scheme = request.getScheme() == null ? "" : request.getScheme().toLowerCase(Locale.ROOT);
    String host = request.getHost() == null ? "" : request.getHost();
    boolean loopback =
        host.equals("127.0.0.1") || host.equals("[::1]") || host.equalsIgnoreCase("localhost");
    if (!(scheme.equals("https") || (scheme.equals("http") && loopback))) {
      throw new McpClientException(
          "refusing to open an authorization request that is not an https address: " + request,
          null);
    }
  }
}
