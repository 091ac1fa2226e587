package dev.mcpkit.auth.server.internal;

import dev.mcpkit.api.spi.StoreUnavailableException;
import java.io.Serial;
import org.jspecify.annotations.Nullable;

/**
 * The authorization server could not be asked (its metadata, its keys or its introspection
 * endpoint): no token can be checked now, which says nothing about the token. A {@link
 * StoreUnavailableException} because the transport answers those with 503, {@code Retry-After} and
 * a generic JSON-RPC error, never a 401 that would send the client to authorize again.
 */
final class AuthorizationServerUnavailableException extends StoreUnavailableException {
  @Serial private static final long serialVersionUID = 1L;

  AuthorizationServerUnavailableException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
