package dev.mcpkit.auth.server.internal;

import static java.util.Objects.requireNonNull;

import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authorization server's metadata, fetched once on first need: RFC 8414 ({@code
 * /.well-known/oauth-authorization-server}), then OpenID Connect Discovery ({@code
 * /.well-known/openid-configuration}), parsed and issuer-checked by the Nimbus OAuth SDK. A failed
 * discovery is retried on a later request, at most once per retry interval, so an authorization
 * server that starts after this one is found without a restart, and one that is down is not
 * hammered.
 *
 * <p>Thread-safe: the metadata is published through a volatile field once found; one thread fetches
 * at a time (a {@link ReentrantLock}, never {@code synchronized}: the fetch blocks).
 */
final class AuthorizationServerDiscovery {
  private static final Logger LOG = LoggerFactory.getLogger(AuthorizationServerDiscovery.class);
  private static final long RETRY_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final Issuer issuer;
  private final int timeoutMillis;
  private final LongSupplier nanoClock;
  private final ReentrantLock fetching = new ReentrantLock();

  /** Written once under {@link #fetching}; volatile so the fast path reads it without the lock. */
  private volatile @Nullable AuthorizationServerMetadata metadata;

  /** Guarded by {@link #fetching}. */
  private long lastFailureNanos;

  private boolean failedBefore;

  AuthorizationServerDiscovery(URI issuer, int timeoutMillis, LongSupplier nanoClock) {
    this.issuer = new Issuer(requireNonNull(issuer, "issuer"));
    this.timeoutMillis = timeoutMillis;
    this.nanoClock = requireNonNull(nanoClock, "nanoClock");
  }

  /**
   * Returns the metadata, fetching it if not yet known. Blocks while fetching.
   *
   * @throws AuthorizationServerUnavailableException if neither document could be fetched and parsed
   *     (now or within the retry interval)
   */
  AuthorizationServerMetadata metadata() {
    AuthorizationServerMetadata known = metadata;
    if (known != null) {
      return known;
    }
    fetching.lock();
    try {
      known = metadata;
      if (known != null) {
        return known;
      }
      if (failedBefore && nanoClock.getAsLong() - lastFailureNanos < RETRY_INTERVAL_NANOS) {
        throw new AuthorizationServerUnavailableException(
            "the metadata of " + issuer + " could not be fetched recently", null);
      }
      try {
        known = fetch();
      } catch (AuthorizationServerUnavailableException e) {
        failedBefore = true;
        lastFailureNanos = nanoClock.getAsLong();
        throw e;
      }
      metadata = known;
      return known;
    } finally {
      fetching.unlock();
    }
  }

  private AuthorizationServerMetadata fetch() {
    Exception rfc8414;
    try {
      return AuthorizationServerMetadata.resolve(issuer, timeoutMillis, timeoutMillis);
    } catch (GeneralException | IOException | RuntimeException e) {
      rfc8414 = e;
    }
    try {
      return OIDCProviderMetadata.resolve(issuer, timeoutMillis, timeoutMillis);
    } catch (GeneralException | IOException | RuntimeException e) {
      LOG.warn(
          "cannot discover the authorization server {}: RFC 8414 metadata: {}; OpenID"
              + " configuration: {}",
          issuer,
          rfc8414.getMessage(),
          e.getMessage());
      e.addSuppressed(rfc8414);
      throw new AuthorizationServerUnavailableException(
          "cannot discover the authorization server " + issuer, e);
    }
  }
}
