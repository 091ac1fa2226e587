package dev.mcpkit.transport.jetty.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a request's {@code Origin} may talk to the server, against DNS rebinding (the
 * transport page of the specification: an invalid Origin gets 403). Requests without an Origin (not
 * from a browser) pass; loopback origins pass; others pass only if configured. Immutable.
 */
final class OriginPolicy {
  private final Set<String> allowed;

  OriginPolicy(Set<String> allowed) {
    this.allowed =
        allowed.stream()
            .map(o -> o.toLowerCase(Locale.ROOT))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  boolean allows(@Nullable String origin) {
    if (origin == null) {
      return true;
    }
    String normalized = origin.toLowerCase(Locale.ROOT);
    if (allowed.contains(normalized)) {
      return true;
    }
    URI uri;
    try {
      uri = new URI(normalized);
    } catch (URISyntaxException e) {
      return false;
    }
    String scheme = uri.getScheme();
    String host = uri.getHost();
    if (host == null || !("http".equals(scheme) || "https".equals(scheme))) {
      return false;
    }
    return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
  }
}
