package dev.mcpkit.auth.client;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The user-agent step of the authorization code flow: takes the user to the authorization request
 * and brings back where the authorization server redirected (the redirect URI with {@code code},
 * {@code state} and perhaps {@code iss}). Four ready-made ones:
 *
 * <ul>
 *   <li>{@link #system()}: opens the desktop's default browser and listens on the loopback redirect
 *       URI (RFC 8252 §7.3), for desktop applications and command-line tools;
 *   <li>{@link #printing(PrintStream)}: prints the address for a person to open, then listens the
 *       same way (a terminal, a remote shell with a forwarded port);
 *   <li>{@link #loopback(Consumer, Duration)}: the listener with your own way of opening the
 *       address;
 *   <li>{@link #headless()}: follows the redirects itself, for tests, CI and servers that authorize
 *       without a user.
 * </ul>
 *
 * <p>The loopback ones need a redirect URI such as {@code http://127.0.0.1:8976/callback} (the
 * default of {@link OAuthAuthorization.Builder#redirectUri}) and only open {@code https} addresses
 * (or {@code http} on a loopback host). Or write your own:
 *
 * {@snippet :
 * AuthorizationBrowser mine = (request, redirectUri) -> {
 *   showInMyWebView(request);
 *   return callbacks.take(); // the URI the redirect arrived at
 * };
 * }
 *
 * <p>Thread-safety: implementations must be thread-safe; {@link #authorize} blocks until the user
 * is back.
 */
@FunctionalInterface
public interface AuthorizationBrowser {
  /** How long the loopback user agents wait for the person to finish: 5 minutes. */
  Duration DEFAULT_WAIT = Duration.ofMinutes(5);

  /**
   * Runs the authorization step.
   *
   * @param request the authorization request URI to open
   * @param redirectUri the client's redirect URI, where the answer arrives
   * @return the URI the authorization server redirected to, with its query
   * @throws dev.mcpkit.api.client.McpClientException when the step fails or is abandoned
   */
  URI authorize(URI request, URI redirectUri);

  /**
   * A user agent without a user: GETs the authorization request and follows redirects until one
   * points at the redirect URI, which it returns without loading it. Fails when the server answers
   * with a page (it wants a person).
   *
   * @return the headless user agent
   */
  static AuthorizationBrowser headless() {
    return new HeadlessBrowser();
  }

  /**
   * The desktop's default browser, with a listener on the loopback redirect URI that takes the
   * answer; waits at most 5 minutes. When no browser can be started, the address is printed on
   * standard error instead.
   *
   * @return the system browser user agent
   */
  static AuthorizationBrowser system() {
    return loopback(SystemBrowser::open, DEFAULT_WAIT);
  }

  /**
   * Prints the authorization request for a person to open in any browser that can reach this
   * machine's loopback redirect URI, and listens there for the answer; waits at most 5 minutes.
   *
   * @param out where to print, e.g. {@code System.err}
   * @return the printing user agent
   */
  static AuthorizationBrowser printing(PrintStream out) {
    requireNonNull(out, "out");
    return loopback(
        request -> out.println("Open this address in a browser to authorize: " + request),
        DEFAULT_WAIT);
  }

  /**
   * A listener on the loopback redirect URI (RFC 8252 §7.3) that takes the first request carrying
   * {@code code} or {@code error}, answering the browser with a page saying it can be closed;
   * {@code opener} is called with the authorization request once the listener is up.
   *
   * @param opener opens the authorization request (starts a browser, shows the address, ...)
   * @param timeout how long to wait for the answer
   * @return the loopback user agent
   */
  static AuthorizationBrowser loopback(Consumer<URI> opener, Duration timeout) {
    return new LoopbackBrowser(
        requireNonNull(opener, "opener"), requireNonNull(timeout, "timeout"));
  }
}
