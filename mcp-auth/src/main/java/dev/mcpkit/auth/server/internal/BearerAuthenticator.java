package dev.mcpkit.auth.server.internal;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import dev.mcpkit.auth.TokenPrincipal;
import dev.mcpkit.transport.jetty.Authenticator;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resource server's {@link Authenticator}: takes the bearer token of the {@code Authorization}
 * header (RFC 6750 §2.1; tokens in the query or the body are not accepted, as the MCP specification
 * requires), validates it as a JWT when it parses as one, else by introspection when configured,
 * then checks the server's required scopes.
 *
 * <ul>
 *   <li>no token: 401, {@code Bearer resource_metadata="...", scope="..."};
 *   <li>a token that is not acceptable: 401 {@code error="invalid_token"};
 *   <li>a valid token without a required scope: 403 {@code error="insufficient_scope"}; the
 *       engine's 403 for a tool, resource or prompt the token lacks scopes for gets the same
 *       challenge ({@link #insufficientScope}), with {@code resource_metadata};
 *   <li>the authorization server cannot be asked: {@link AuthorizationServerUnavailableException}
 *       (503 with {@code Retry-After}), logged as a warning.
 * </ul>
 *
 * <p>Blocking ({@link Authenticator#invocationType()} keeps its default): a request may have to
 * wait for the authorization server's metadata, its keys (a token with an unknown {@code kid}), or
 * an introspection. But most requests do not: a missing token, or a JWT validated before, is
 * decided on the I/O thread ({@link #decideWithoutBlocking}), which keeps the transport's fast path
 * for them. Thread-safe.
 */
public final class BearerAuthenticator implements Authenticator {
  private static final Logger LOG = LoggerFactory.getLogger(BearerAuthenticator.class);
  private static final String BEARER = "bearer ";

  private final Set<String> requiredScopes;
  private final BearerChallenges challenges;
  private final JwtAccessTokens jwts;
  private final TokenCache validJwts;
  private final Duration clockSkew;
  private final Duration keyCacheTtl;
  private final @Nullable IntrospectedTokens opaque;

  /**
   * Creates the authenticator.
   *
   * @param settings what the resource server was built with
   * @param metadataUrl where its Protected Resource Metadata is served, for the challenges
   */
  public BearerAuthenticator(ResourceServerSettings settings, URI metadataUrl) {
    requireNonNull(settings, "settings");
    this.validJwts = new TokenCache(settings.tokenCacheSize());
    this.clockSkew = settings.clockSkew();
    this.keyCacheTtl = settings.keyCacheTtl();
    this.requiredScopes = new TreeSet<>(settings.requiredScopes());
    this.challenges =
        new BearerChallenges(
            metadataUrl,
            requiredScopes.isEmpty() ? settings.scopesSupported() : List.copyOf(requiredScopes));
    AuthorizationServerDiscovery discovery =
        new AuthorizationServerDiscovery(
            settings.issuer(), settings.httpTimeoutMillis(), System::nanoTime);
    this.jwts =
        new JwtAccessTokens(
            settings,
            () -> {
              URI jwksUri = discovery.metadata().getJWKSetURI();
              if (jwksUri == null) {
                throw new AuthorizationServerUnavailableException(
                    "the authorization server's metadata has no jwks_uri", null);
              }
              return jwksUri;
            });
    ResourceServerSettings.IntrospectionSettings introspection = settings.introspection();
    this.opaque =
        introspection == null
            ? null
            : new IntrospectedTokens(
                settings,
                () -> {
                  URI configured = introspection.endpoint();
                  URI endpoint =
                      configured != null
                          ? configured
                          : discovery.metadata().getIntrospectionEndpointURI();
                  if (endpoint == null) {
                    throw new AuthorizationServerUnavailableException(
                        "the authorization server's metadata has no introspection_endpoint", null);
                  }
                  return endpoint;
                },
                Instant::now);
  }

  @Override
  public Decision authenticate(Request request) {
    List<String> headers = request.headers("Authorization");
    Reject malformed = malformed(headers);
    if (malformed != null) {
      return malformed;
    }
    TokenPrincipal principal;
    try {
      principal = validate(token(headers));
    } catch (InvalidTokenException e) {
      LOG.debug("refusing a token: {}", e.reason());
      return new Reject(challenges.invalidToken(e.reason()), "Unauthorized: " + e.reason());
    }
    return authorize(principal);
  }

  /**
   * Decides on the I/O thread what needs no authorization server: a missing or malformed {@code
   * Authorization} header (401), and a JWT validated before and not yet expired (its principal, or
   * 403 without the required scopes). Anything else, a token not in the cache, may need the
   * authorization server's keys or an introspection: {@code null}, and {@link #authenticate}
   * validates it on a virtual thread. The cache is a {@link java.util.concurrent.ConcurrentHashMap}
   * whose reads take no lock (removing an expired entry locks one bin briefly, never across I/O).
   */
  @Override
  public @Nullable Decision decideWithoutBlocking(Request request) {
    List<String> headers = request.headers("Authorization");
    Reject malformed = malformed(headers);
    if (malformed != null) {
      return malformed;
    }
    TokenPrincipal known = validJwts.get(TokenCache.Digest.of(token(headers)), Instant.now());
    return known == null ? null : authorize(known);
  }

  /** The 401 of a request without exactly one {@code Authorization: Bearer} header, or null. */
  private @Nullable Reject malformed(List<String> headers) {
    if (headers.isEmpty()) {
      return new Reject(challenges.missingToken(), "Unauthorized: a bearer token is required");
    }
    if (headers.size() > 1) {
      return new Reject(
          challenges.invalidRequest("several Authorization headers"),
          "Unauthorized: several Authorization headers");
    }
    String header = headers.getFirst().strip();
    if (header.length() <= BEARER.length()
        || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return new Reject(challenges.missingToken(), "Unauthorized: a bearer token is required");
    }
    return null;
  }

  /** The token of the one well-formed {@code Authorization} header ({@link #malformed} said so). */
  private static String token(List<String> headers) {
    return headers.getFirst().strip().substring(BEARER.length()).strip();
  }

  /** Accepts a valid token's principal if it holds the server's required scopes, else 403. */
  private Decision authorize(TokenPrincipal principal) {
    if (!principal.hasScopes(requiredScopes)) {
      LOG.debug("{} lacks scopes of {}", principal.getName(), requiredScopes);
      return new Forbid(
          challenges.insufficientScope(requiredScopes, "the token lacks a required scope"),
          "Forbidden: insufficient scope, " + String.join(" ", requiredScopes) + " required");
    }
    return new Accept(principal);
  }

  /**
   * The challenge of the engine's 403 for a tool, resource or prompt whose scopes the token lacks:
   * the standard one plus where the metadata is, so the client's step-up starts from there.
   */
  @Override
  public String insufficientScope(Set<String> requiredScopes) {
    return challenges.insufficientScope(requiredScopes, null);
  }

  /**
   * Validates a token: a JWT remembered as valid costs a digest and a lookup; another is checked,
   * then remembered until its expiry (with the clock skew), at most one key cache lifetime, so a
   * key withdrawn at the authorization server stops being honoured about when it would without the
   * cache.
   */
  private TokenPrincipal validate(String token) throws InvalidTokenException {
    TokenCache.Digest key = TokenCache.Digest.of(token);
    Instant now = Instant.now();
    TokenPrincipal known = validJwts.get(key, now);
    if (known != null) {
      return known;
    }
    JWT jwt;
    try {
      jwt = JWTParser.parse(token);
    } catch (ParseException e) {
      if (opaque != null) {
        return opaque.validate(token);
      }
      throw new InvalidTokenException("the token is not a JWT");
    }
    JwtAccessTokens.Validated valid = jwts.validate(jwt);
    Instant until = valid.expires().plus(clockSkew);
    Instant latest = now.plus(keyCacheTtl);
    validJwts.put(key, valid.principal(), until.isBefore(latest) ? until : latest, now);
    return valid.principal();
  }

  @Override
  public String toString() {
    return "BearerAuthenticator[required=" + requiredScopes + "]";
  }
}
