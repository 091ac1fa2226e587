package dev.mcpkit.auth.server.internal;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.mcpkit.auth.TokenPrincipal;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates JWT access tokens with Nimbus: the signature against the authorization server's keys (a
 * {@link JWKSource} on the {@code jwks_uri} of its metadata: cached, refetched when a token names
 * an unknown {@code kid}, at most once per refresh interval), the algorithm against the allow-list,
 * the type ({@code JWT}, {@code at+jwt} or none), then {@code iss} exactly, {@code aud} containing
 * the canonical resource URI (RFC 8707), {@code exp} required and {@code nbf} honoured, both with
 * the bounded clock skew.
 *
 * <p>Thread-safe: the processor is built once, on first use (under a lock, since finding the keys
 * may block), and Nimbus's processor and key sources are thread-safe.
 */
final class JwtAccessTokens {
  private static final Logger LOG = LoggerFactory.getLogger(JwtAccessTokens.class);
  private static final int MAX_JWKS_BYTES = 512 * 1024;

  private final ResourceServerSettings settings;
  private final Supplier<URI> jwksUri;
  private final ReentrantLock building = new ReentrantLock();

  /** Built once under {@link #building}; volatile so later requests read it without the lock. */
  private volatile @Nullable DefaultJWTProcessor<SecurityContext> processor;

  /**
   * @param jwksUri finds the key set's URI; may block, may throw {@link
   *     AuthorizationServerUnavailableException}
   */
  JwtAccessTokens(ResourceServerSettings settings, Supplier<URI> jwksUri) {
    this.settings = requireNonNull(settings, "settings");
    this.jwksUri = requireNonNull(jwksUri, "jwksUri");
  }

  /** Makes a processor for a key source; also used by the benchmark-sized tests. */
  static DefaultJWTProcessor<SecurityContext> processor(
      ResourceServerSettings settings, JWKSource<SecurityContext> keys) {
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSTypeVerifier(
        new DefaultJOSEObjectTypeVerifier<>(
            JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(settings.algorithms(), keys));
    DefaultJWTClaimsVerifier<SecurityContext> claims =
        new DefaultJWTClaimsVerifier<>(
            Set.of(settings.resource().toString()),
            new JWTClaimsSet.Builder().issuer(settings.issuer().toString()).build(),
            Set.of("exp"),
            Set.of());
    claims.setMaxClockSkew((int) Math.min(Integer.MAX_VALUE, settings.clockSkew().toSeconds()));
    processor.setJWTClaimsSetVerifier(claims);
    return processor;
  }

  /**
   * Validates a JWT.
   *
   * @throws InvalidTokenException if it is not acceptable
   * @throws AuthorizationServerUnavailableException if the keys cannot be fetched
   */
  Validated validate(JWT jwt) throws InvalidTokenException {
    if (!(jwt instanceof SignedJWT signed)) {
      throw new InvalidTokenException("the token is not a signed JWT");
    }
    JWTClaimsSet claims;
    try {
      claims = processor().process(signed, null);
    } catch (RateLimitReachedException e) {
      // An unknown kid, and the keys were fetched a moment ago: the token names no key we know.
      throw new InvalidTokenException("the token is signed with an unknown key");
    } catch (KeySourceException e) {
      LOG.warn("cannot fetch the keys of {}: {}", settings.issuer(), e.getMessage());
      throw new AuthorizationServerUnavailableException("cannot fetch the signing keys", e);
    } catch (BadJWTException e) {
      throw new InvalidTokenException(describe(e));
    } catch (BadJOSEException e) {
      throw new InvalidTokenException(describe(e));
    } catch (JOSEException e) {
      throw new InvalidTokenException("the token's signature cannot be checked");
    }
    // The claims verifier requires exp.
    return new Validated(
        TokenPrincipals.of(claims.toJSONObject()), claims.getExpirationTime().toInstant());
  }

  /**
   * A valid token's principal and expiry.
   *
   * @param principal who the token speaks for
   * @param expires its {@code exp}
   */
  record Validated(TokenPrincipal principal, Instant expires) {}

  /** Nimbus's messages name the failed check and never contain the token: safe for clients. */
  private static String describe(Exception e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? "the token is not valid" : message;
  }

  private DefaultJWTProcessor<SecurityContext> processor() {
    DefaultJWTProcessor<SecurityContext> built = processor;
    if (built != null) {
      return built;
    }
    building.lock();
    try {
      built = processor;
      if (built == null) {
        built = processor(settings, keySource(jwksUri.get()));
        processor = built;
      }
      return built;
    } finally {
      building.unlock();
    }
  }

  private JWKSource<SecurityContext> keySource(URI uri) {
    URL url;
    try {
      url = uri.toURL();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new AuthorizationServerUnavailableException("the jwks_uri is not a URL: " + uri, e);
    }
    int timeout = settings.httpTimeoutMillis();
    long ttl = settings.keyCacheTtl().toMillis();
    long minInterval = settings.keyRefreshMinInterval().toMillis();
    return JWKSourceBuilder.<SecurityContext>create(
            url, new DefaultResourceRetriever(timeout, timeout, MAX_JWKS_BYTES))
        // A refresh waits for the fetch at most one HTTP timeout beyond the fetch's own.
        .cache(ttl, 2L * timeout)
        .refreshAheadCache(false)
        .rateLimited(minInterval)
        .retrying(false)
        .outageTolerant(false)
        .build();
  }
}
