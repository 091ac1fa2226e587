package dev.mcpkit.transport.jetty.internal;

import java.security.Principal;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Request;
import org.jspecify.annotations.Nullable;

/**
 * A request's {@link StreamRegistry#clientKey client key}, made the first time it is asked for and
 * kept: making it formats the client's address, which most answers (plain JSON, no stream to count)
 * never need. The first call must come while the request is live (the stream's opening); later ones
 * (its closing, possibly after the exchange completed) return the kept key.
 *
 * <p>Thread-safe: the key is published through a volatile field; two first calls racing would make
 * equal keys.
 */
final class ClientKey implements Supplier<String> {
  private final Request request;
  private final @Nullable Principal principal;
  private volatile @Nullable String key;

  ClientKey(Request request, @Nullable Principal principal) {
    this.request = request;
    this.principal = principal;
  }

  @Override
  public String get() {
    String made = key;
    if (made == null) {
      made = StreamRegistry.clientKey(request, principal);
      key = made;
    }
    return made;
  }
}
