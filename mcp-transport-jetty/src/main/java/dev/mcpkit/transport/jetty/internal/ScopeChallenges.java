package dev.mcpkit.transport.jetty.internal;

import dev.mcpkit.api.spi.transport.Outcome;
import dev.mcpkit.api.spi.transport.Rejection;
import dev.mcpkit.transport.jetty.Authenticator;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code WWW-Authenticate} challenge of a 403 for insufficient scope (RFC 6750 section 3.1),
 * which tells an OAuth client the scopes to ask for (step-up authorization). The endpoint's {@link
 * Authenticator#insufficientScope} shapes it; a challenge it cannot give (it throws, or returns a
 * blank value or one with CR or LF, which would split the response) is replaced by the standard
 * one, so the client still learns the scopes.
 *
 * <p>Stateless and thread-safe.
 */
public final class ScopeChallenges {
  private static final Logger LOG = LoggerFactory.getLogger(ScopeChallenges.class);

  private ScopeChallenges() {}

  /**
   * The standard challenge: {@code Bearer error="insufficient_scope", scope="a b"}.
   *
   * @param requiredScopes the scopes, each an RFC 6749 scope token (so nothing needs escaping)
   * @return the challenge
   */
  public static String standard(Set<String> requiredScopes) {
    return "Bearer error=\"insufficient_scope\", scope=\""
        + String.join(" ", new TreeSet<>(requiredScopes))
        + "\"";
  }

  /**
   * Adds the challenge to the answer of a refusal for insufficient scope; does nothing for other
   * refusals. Call before the answer is written.
   *
   * @param response the response
   * @param rejected the engine's refusal
   * @param authenticator the endpoint's authenticator
   */
  static void add(Response response, Outcome.Rejected rejected, Authenticator authenticator) {
    if (rejected.reason() != Rejection.INSUFFICIENT_SCOPE) {
      return;
    }
    Set<String> sorted =
        Collections.unmodifiableSortedSet(new TreeSet<>(rejected.requiredScopes()));
    String challenge;
    try {
      challenge = authenticator.insufficientScope(sorted);
    } catch (RuntimeException e) {
      LOG.debug("the authenticator's insufficient_scope challenge failed; using the standard", e);
      challenge = null;
    }
    if (challenge == null
        || challenge.isBlank()
        || challenge.indexOf('\r') >= 0
        || challenge.indexOf('\n') >= 0) {
      challenge = standard(sorted);
    }
    response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, challenge);
  }
}
