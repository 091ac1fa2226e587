package dev.mcpkit.auth.server.internal;

import static java.util.Objects.requireNonNull;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import dev.mcpkit.auth.TokenPrincipal;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates opaque access tokens by introspection (RFC 7662) with the Nimbus OAuth SDK, the
 * resource server authenticating with {@code client_secret_basic}. An active answer must not name
 * another issuer, must not be expired, and when it names audiences one must be the canonical
 * resource URI (RFC 8707); an answer without {@code aud} is taken as the authorization server's
 * word that the token is for us.
 *
 * <p>Active answers are cached until the token's {@code exp}, at most the configured time, in a
 * bounded map keyed by the token's SHA-256 digest (the tokens themselves are not kept): when full,
 * expired entries are dropped, and if none were, the new answer is not cached. Inactive answers are
 * not cached (a token may become active only by being a new token anyway, but a flood of bad tokens
 * must not evict good ones).
 *
 * <p>Thread-safe: a {@link ConcurrentHashMap}; two requests with the same uncached token may both
 * introspect it.
 */
final class IntrospectedTokens {
  private static final Logger LOG = LoggerFactory.getLogger(IntrospectedTokens.class);

  private final ResourceServerSettings settings;
  private final ResourceServerSettings.IntrospectionSettings introspection;
  private final Supplier<URI> endpoint;
  private final ClientSecretBasic credentials;
  private final Supplier<Instant> clock;
  private final TokenCache cache;

  /**
   * @param endpoint finds the introspection endpoint; may block, may throw {@link
   *     AuthorizationServerUnavailableException}
   */
  IntrospectedTokens(
      ResourceServerSettings settings, Supplier<URI> endpoint, Supplier<Instant> clock) {
    this.settings = requireNonNull(settings, "settings");
    this.introspection = requireNonNull(settings.introspection(), "settings.introspection");
    this.endpoint = requireNonNull(endpoint, "endpoint");
    this.clock = requireNonNull(clock, "clock");
    this.cache = new TokenCache(introspection.cacheTtl().isZero() ? 0 : introspection.cacheSize());
    this.credentials =
        new ClientSecretBasic(
            new ClientID(introspection.clientId()), new Secret(introspection.clientSecret()));
  }

  /**
   * Validates an opaque token.
   *
   * @throws InvalidTokenException if the token is inactive or not for this resource
   * @throws AuthorizationServerUnavailableException if the endpoint cannot be asked
   */
  TokenPrincipal validate(String token) throws InvalidTokenException {
    TokenCache.Digest key = TokenCache.Digest.of(token);
    Instant now = clock.get();
    TokenPrincipal cached = cache.get(key, now);
    if (cached != null) {
      return cached;
    }
    TokenIntrospectionSuccessResponse answer = introspect(token);
    if (!answer.isActive()) {
      throw new InvalidTokenException("the token is not active");
    }
    if (answer.getIssuer() != null
        && !answer.getIssuer().getValue().equals(settings.issuer().toString())) {
      throw new InvalidTokenException("the token was issued by another authorization server");
    }
    List<Audience> audiences = answer.getAudience();
    if (audiences != null
        && !audiences.isEmpty()
        && !Audience.toStringList(audiences).contains(settings.resource().toString())) {
      throw new InvalidTokenException("the token is for another resource");
    }
    Instant until = now.plus(introspection.cacheTtl());
    Date exp = answer.getExpirationTime();
    if (exp != null) {
      Instant expires = exp.toInstant();
      if (!now.isBefore(expires.plus(settings.clockSkew()))) {
        throw new InvalidTokenException("the token has expired");
      }
      if (expires.isBefore(until)) {
        until = expires;
      }
    }
    Date nbf = answer.getNotBeforeTime();
    if (nbf != null && now.plus(settings.clockSkew()).isBefore(nbf.toInstant())) {
      throw new InvalidTokenException("the token is not valid yet");
    }
    TokenPrincipal principal = TokenPrincipals.of(answer.toJSONObject());
    cache.put(key, principal, until, now);
    return principal;
  }

  private TokenIntrospectionSuccessResponse introspect(String token) throws InvalidTokenException {
    URI uri = endpoint.get();
    HTTPRequest request =
        new TokenIntrospectionRequest(uri, credentials, new BearerAccessToken(token))
            .toHTTPRequest();
    request.setConnectTimeout(settings.httpTimeoutMillis());
    request.setReadTimeout(settings.httpTimeoutMillis());
    TokenIntrospectionResponse response;
    try {
      HTTPResponse http = request.send();
      response = TokenIntrospectionResponse.parse(http);
    } catch (IOException | ParseException e) {
      LOG.warn("cannot introspect a token at {}: {}", uri, e.getMessage());
      throw new AuthorizationServerUnavailableException("cannot introspect the token", e);
    }
    if (!response.indicatesSuccess()) {
      // The endpoint refused us (our credentials, most likely), not the token.
      LOG.warn(
          "the introspection endpoint {} refused the request: {}",
          uri,
          response.toErrorResponse().getErrorObject());
      throw new AuthorizationServerUnavailableException("the introspection was refused", null);
    }
    return response.toSuccessResponse();
  }

  /** How many answers are cached; for tests. */
  int cached() {
    return cache.size();
  }
}
