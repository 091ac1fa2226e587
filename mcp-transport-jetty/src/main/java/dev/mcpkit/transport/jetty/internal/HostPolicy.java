package dev.mcpkit.transport.jetty.internal;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a request's {@code Host} names this server, against DNS rebinding: a page on
 * {@code evil.example} that rebinds its name to 127.0.0.1 still sends {@code Host: evil.example}.
 * Loopback names always pass, so do configured names and the bound address. A server bound to a
 * wildcard address with no configured names does not check (it cannot know its public names).
 * Immutable.
 */
final class HostPolicy {
  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  private final Set<String> allowed;
  private final boolean enforced;

  HostPolicy(String boundHost, Set<String> configured) {
    Set<String> names = new HashSet<>(LOOPBACK);
    configured.forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));
    boolean wildcard =
        boundHost.equals("0.0.0.0") || boundHost.equals("::") || boundHost.equals("[::]");
    if (!wildcard) {
      names.add(boundHost.toLowerCase(Locale.ROOT));
    }
    this.allowed = Set.copyOf(names);
    this.enforced = !wildcard || !configured.isEmpty();
  }

  /**
   * Tells whether a host name (without port) may be served.
   *
   * @param host the host of the request's authority, or {@code null} if it had none
   * @return {@code true} if allowed
   */
  boolean allows(@Nullable String host) {
    if (!enforced) {
      return true;
    }
    return host != null && allowed.contains(host.toLowerCase(Locale.ROOT));
  }
}
