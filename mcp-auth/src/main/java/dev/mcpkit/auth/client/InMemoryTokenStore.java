package dev.mcpkit.auth.client;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The default {@link TokenStore}. Thread-safe: two concurrent maps. */
final class InMemoryTokenStore implements TokenStore {
  private final ConcurrentMap<String, Tokens> tokens = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, ClientRegistration> registrations = new ConcurrentHashMap<>();

  @Override
  public Optional<Tokens> tokens(String resource) {
    return Optional.ofNullable(tokens.get(resource));
  }

  @Override
  public void saveTokens(String resource, Tokens tokens) {
    this.tokens.put(resource, tokens);
  }

  @Override
  public void removeTokens(String resource) {
    tokens.remove(resource);
  }

  @Override
  public Optional<ClientRegistration> registration(String issuer) {
    return Optional.ofNullable(registrations.get(issuer));
  }

  @Override
  public void saveRegistration(ClientRegistration registration) {
    registrations.put(registration.issuer(), registration);
  }
}
