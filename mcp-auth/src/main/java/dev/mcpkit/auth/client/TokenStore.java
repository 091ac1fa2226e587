package dev.mcpkit.auth.client;

import java.util.Optional;

/**
 * Keeps tokens (per MCP server, by its canonical resource URI) and client registrations (per
 * authorization server, by its issuer). In memory by default ({@link #inMemory()}); an application
 * that wants tokens to survive a restart stores them encrypted somewhere of its own.
 *
 * <p>Thread-safety: implementations must be thread-safe. Methods may block.
 */
public interface TokenStore {
  /**
   * The tokens kept for an MCP server.
   *
   * @param resource the server's resource URI
   * @return its tokens, if any
   */
  Optional<Tokens> tokens(String resource);

  /**
   * Keeps the tokens of an MCP server, replacing earlier ones.
   *
   * @param resource the server's resource URI
   * @param tokens the tokens
   */
  void saveTokens(String resource, Tokens tokens);

  /**
   * Forgets the tokens of an MCP server.
   *
   * @param resource the server's resource URI
   */
  void removeTokens(String resource);

  /**
   * The registration kept for an authorization server.
   *
   * @param issuer the authorization server's issuer identifier
   * @return the registration, if any
   */
  Optional<ClientRegistration> registration(String issuer);

  /**
   * Keeps a registration, replacing an earlier one for the same issuer.
   *
   * @param registration the registration
   */
  void saveRegistration(ClientRegistration registration);

  /**
   * A store in memory, lost with the process.
   *
   * @return a new, empty store
   */
  static TokenStore inMemory() {
    return new InMemoryTokenStore();
  }
}
