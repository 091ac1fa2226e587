package dev.mcpkit.transport.jetty;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.InvocationType;
import dev.mcpkit.transport.jetty.internal.BearerTokenAuthenticator;
import dev.mcpkit.transport.jetty.internal.ScopeChallenges;
import java.net.SocketAddress;
import java.security.Principal;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Decides who sent a request to the MCP endpoint. {@link McpHttpServer} asks it once per request to
 * the endpoint, whatever its method, after the {@code Host} and {@code Origin} checks and before
 * anything else (so an unauthenticated caller learns nothing about sessions or methods); the health
 * check is not authenticated. An authenticator that throws fails the request with 500, never lets
 * it through.
 *
 * <p>An accepted principal is handed to the engine, which binds it to the session at {@code
 * initialize}; a later request that names the session while authenticated as another principal
 * (compared by {@link Principal#getName()}) is treated as naming an unknown session and gets 404,
 * so session ids cannot be used across principals. A rejection is answered with 401, the
 * rejection's {@code WWW-Authenticate} challenge and a JSON-RPC error body, and never reaches the
 * engine.
 *
 * <p>Implementations must be thread-safe: they are called concurrently from the requests' virtual
 * threads. They may block (for example to ask an introspection endpoint), but every millisecond
 * spent here is spent on every request.
 *
 * {@snippet :
 * Authenticator tokens = Authenticator.bearerTokens(Map.of(
 *     System.getenv("ALICE_TOKEN"), "alice",
 *     System.getenv("BOB_TOKEN"), "bob"));
 * McpHttpServer server = McpHttpServer.builder().engine(engine).authenticator(tokens).build();
 * }
 *
 * <p>A custom authenticator reads what it needs from the {@link Request} view:
 *
 * {@snippet :
 * Authenticator mutualTls = request -> request.clientCertificates().isEmpty()
 *     ? new Authenticator.Reject("Mutual realm=\"mcp\"", "a client certificate is required")
 *     : new Authenticator.Accept(request.clientCertificates().getFirst().getSubjectX500Principal());
 * }
 */
@FunctionalInterface
public interface Authenticator {

  /**
   * Authenticates one request.
   *
   * @param request a read-only view of the request; valid only during this call
   * @return {@link Accept} with the principal (or {@code null} for an anonymous request that is
   *     allowed anyway), or {@link Reject}
   */
  Decision authenticate(Request request);

  /**
   * Tells whether {@link #authenticate} may block (I/O, such as asking an introspection endpoint,
   * or a wait). An authenticator that answers {@link InvocationType#NON_BLOCKING} is called on the
   * I/O thread that read the request, so requests that nothing else may block are served there too,
   * without a hand-off to a virtual thread (see {@code Tool.withInvocationType}); one that blocks
   * anyway stalls every connection of that thread. The default says blocking; {@link #none()} and
   * {@link #bearerTokens} say non-blocking.
   *
   * @return {@link InvocationType#NON_BLOCKING} only if authenticating never blocks
   */
  default InvocationType invocationType() {
    return InvocationType.BLOCKING;
  }

  /**
   * Returns the {@code WWW-Authenticate} challenge of a 403 answered because the request's
   * principal lacks scopes that the tool, resource, resource template or prompt it asked for
   * requires (their {@code requiredScopes}; a principal holds the scopes of {@link
   * dev.mcpkit.api.ScopedPrincipal#scopes()}). The default is RFC 6750's {@code Bearer
   * error="insufficient_scope", scope="<the scopes, space-separated>"}, which an OAuth client
   * answers by asking for the scopes (step-up authorization); an OAuth resource server overrides it
   * to add, for example, {@code resource_metadata}. A challenge that is blank or holds CR or LF, or
   * a method that throws, gets the default instead. Must not block.
   *
   * @param requiredScopes the scopes the refused request needs, in sorted order; each an RFC 6749
   *     scope token, so it can be quoted as it is
   * @return the challenge
   */
  default String insufficientScope(Set<String> requiredScopes) {
    return ScopeChallenges.standard(requiredScopes);
  }

  /**
   * Returns the authenticator that accepts every request anonymously (a {@code null} principal):
   * the default, for servers that only listen on loopback or sit behind an authenticating proxy.
   *
   * @return the anonymous authenticator
   */
  static Authenticator none() {
    return NoAuthentication.INSTANCE;
  }

  /**
   * Returns an authenticator of OAuth-style bearer tokens ({@code Authorization: Bearer <token>},
   * RFC 6750) against a fixed table of tokens. Presented tokens are compared in constant time
   * against every configured token (through their SHA-256 digests, so neither the content nor the
   * length of a token leaks through timing). A missing header gets 401 with {@code
   * WWW-Authenticate: Bearer realm="mcp"}, a wrong token the same with {@code
   * error="invalid_token"}.
   *
   * <p>Meant for static service credentials and as an example of the SPI; tokens that expire or are
   * issued by an authorization server need an authenticator that validates them.
   *
   * @param tokensToNames each accepted token mapped to the name of its principal; not empty, no
   *     blank tokens or names
   * @return the authenticator; thread-safe
   */
  static Authenticator bearerTokens(Map<String, String> tokensToNames) {
    return new BearerTokenAuthenticator(requireNonNull(tokensToNames, "tokensToNames"));
  }

  /**
   * A read-only view of the request being authenticated. Not thread-safe; valid only during {@link
   * Authenticator#authenticate(Request)}.
   */
  interface Request {
    /**
     * Returns the first value of a header.
     *
     * @param name the header name, case-insensitive
     * @return the value, or {@code null} if absent
     */
    @Nullable String header(String name);

    /**
     * Returns every value of a header, in order.
     *
     * @param name the header name, case-insensitive
     * @return the values; empty if absent
     */
    List<String> headers(String name);

    /**
     * Returns the remote address of the connection (the peer, which may be a proxy).
     *
     * @return the address, or {@code null} if unknown
     */
    @Nullable SocketAddress remoteAddress();

    /**
     * Tells whether the request came over TLS.
     *
     * @return {@code true} over TLS
     */
    boolean secure();

    /**
     * Returns the client's certificate chain, when the request came over TLS and the client
     * presented one (see {@link TlsConfig#clientAuth()}).
     *
     * @return the chain, the client's own certificate first; empty if none
     */
    List<X509Certificate> clientCertificates();
  }

  /** What an authenticator decided: {@link Accept} or {@link Reject}. */
  sealed interface Decision permits Accept, Reject {}

  /**
   * The request may proceed as the given principal.
   *
   * @param principal the authenticated principal, or {@code null} for an anonymous request
   */
  record Accept(@Nullable Principal principal) implements Decision {
    /** Accepts anonymously. */
    public static final Accept ANONYMOUS = new Accept(null);
  }

  /**
   * The request is refused with 401 Unauthorized.
   *
   * @param challenge the {@code WWW-Authenticate} header value, e.g. {@code Bearer realm="mcp"}
   * @param message a short reason for the JSON-RPC error's message; never echo secrets into it
   */
  record Reject(String challenge, String message) implements Decision {
    /** Validates the fields. */
    public Reject {
      requireNonNull(challenge, "challenge");
      requireNonNull(message, "message");
      if (challenge.isBlank()) {
        throw new IllegalArgumentException("challenge must not be blank");
      }
      // A header value: a CR or LF here would let a caller split the response.
      if (challenge.indexOf('\r') >= 0 || challenge.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("challenge must not contain CR or LF");
      }
    }
  }
}

/** The default: everyone is anonymous and welcome. */
enum NoAuthentication implements Authenticator {
  INSTANCE;

  @Override
  public Decision authenticate(Request request) {
    return Accept.ANONYMOUS;
  }

  @Override
  public InvocationType invocationType() {
    return InvocationType.NON_BLOCKING;
  }
}
