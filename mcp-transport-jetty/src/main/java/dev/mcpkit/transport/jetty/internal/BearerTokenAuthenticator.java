package dev.mcpkit.transport.jetty.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.InvocationType;
import dev.mcpkit.transport.jetty.Authenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Bearer tokens (RFC 6750) checked against a fixed table. Each token is kept only as its SHA-256
 * digest; a presented token is digested once and compared with {@link MessageDigest#isEqual}
 * against every entry without stopping at a match, so the time taken depends on neither the
 * presented token nor which entry it matches. Immutable and thread-safe.
 */
public final class BearerTokenAuthenticator implements Authenticator {
  private static final String SCHEME = "Bearer";
  private static final Reject MISSING =
      new Reject("Bearer realm=\"mcp\"", "Unauthorized: a bearer token is required");
  private static final Reject INVALID =
      new Reject(
          "Bearer realm=\"mcp\", error=\"invalid_token\"",
          "Unauthorized: the bearer token is not valid");

  private final byte[][] digests;
  private final Accept[] accepts;

  /**
   * Creates the authenticator.
   *
   * @param tokensToNames each accepted token mapped to the name of its principal
   */
  public BearerTokenAuthenticator(Map<String, String> tokensToNames) {
    requireNonNull(tokensToNames, "tokensToNames");
    if (tokensToNames.isEmpty()) {
      throw new IllegalArgumentException("tokensToNames must not be empty");
    }
    digests = new byte[tokensToNames.size()][];
    accepts = new Accept[tokensToNames.size()];
    int i = 0;
    for (Map.Entry<String, String> entry : tokensToNames.entrySet()) {
      String token = requireNonNull(entry.getKey(), "token");
      String name = requireNonNull(entry.getValue(), "name");
      if (token.isBlank() || name.isBlank()) {
        throw new IllegalArgumentException("tokens and principal names must not be blank");
      }
      if (!token.strip().equals(token) || token.indexOf(' ') >= 0) {
        throw new IllegalArgumentException(
            "a token must not contain spaces (the one for " + name + " does)");
      }
      digests[i] = sha256(token);
      accepts[i] = new Accept(new TokenPrincipal(name));
      i++;
    }
  }

  @Override
  public Decision authenticate(Request request) {
    String authorization = request.header("Authorization");
    if (authorization == null) {
      return MISSING;
    }
    // The scheme is case-insensitive (RFC 9110, 11.1); the token follows one or more spaces.
    if (authorization.length() <= SCHEME.length() + 1
        || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
        || authorization.charAt(SCHEME.length()) != ' ') {
      return MISSING;
    }
    String token = authorization.substring(SCHEME.length() + 1).strip();
    if (token.isEmpty()) {
      return MISSING;
    }
    byte[] presented = sha256(token);
    @Nullable Accept match = null;
    for (int i = 0; i < digests.length; i++) {
      // No early exit: every entry is compared whatever matched before.
      if (MessageDigest.isEqual(digests[i], presented)) {
        match = accepts[i];
      }
    }
    return match != null ? match : INVALID;
  }

  /** A table lookup and digests in memory: never blocks. */
  @Override
  public InvocationType invocationType() {
    return InvocationType.NON_BLOCKING;
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "BearerTokenAuthenticator[" + digests.length + " tokens]";
  }

  /** The principal a token stands for. */
  private record TokenPrincipal(String getName) implements Principal {}
}
