package dev.mcpkit.auth.client;

import java.net.URI;

/**
 * The user-agent step of the authorization code flow: takes the user to the authorization request
 * and brings back where the authorization server redirected (the redirect URI with {@code code},
 * {@code state} and perhaps {@code iss}). An application opens the system browser and listens on
 * its redirect URI; {@link #headless()} follows the redirects itself, for tests, CI and servers
 * that authorize without a user.
 *
 * {@snippet :
 * AuthorizationBrowser printing = (request, redirectUri) -> {
 *   System.out.println("Open " + request);
 *   return callbacks.take(); // the URI your redirect listener received
 * };
 * }
 *
 * <p>Thread-safety: implementations must be thread-safe; {@link #authorize} blocks until the user
 * is back.
 */
@FunctionalInterface
public interface AuthorizationBrowser {
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
}
