package dev.mcpkit.session.internal;

import static java.util.Objects.requireNonNull;

import java.security.Principal;

/**
 * The principal of a session rehydrated from a {@link dev.mcpkit.api.spi.SessionStore}, which keeps
 * only the principal's name. Immutable and thread-safe.
 *
 * @param name the principal's name
 */
record NamedPrincipal(String name) implements Principal {
  NamedPrincipal {
    requireNonNull(name, "name");
  }

  @Override
  public String getName() {
    return name;
  }
}
