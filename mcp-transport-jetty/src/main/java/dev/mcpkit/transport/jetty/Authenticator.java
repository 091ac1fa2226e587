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
 * so session ids cannot be used across principals. A {@link Reject}ion is answered with 401, a
 * {@link Forbid} with 403 (an authenticated caller that lacks a permission the whole endpoint
 * needs, e.g. an OAuth scope: RFC 6750 {@code insufficient_scope}); both carry the decision's
 * {@code WWW-Authenticate} challenge and a JSON-RPC error body, and never reach the engine.
 *
 * <p>Implementations must be thread-safe: they are called concurrently from the requests' virtual
 * threads and, for {@link #decideWithoutBlocking}, from I/O threads. {@link #authenticate} may
 * block (for example to ask an introspection endpoint), but every millisecond spent here is spent
 * on every request; an authenticator that can often decide at once (a token it validated before)
 * says so with {@link #decideWithoutBlocking}, which keeps such requests on the I/O thread.
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
   *     allowed anyway), {@link Reject} (401) or {@link Forbid} (403)
   */
  Decision authenticate(Request request);

  /**
   * Tells whether {@link #authenticate} may block (I/O, such as asking an introspection endpoint,
   * or a wait). An authenticator that answers {@link InvocationType#NON_BLOCKING} is called on the
   * I/O thread that read the request, so requests that nothing else may block are served there too,
   * without a hand-off to a virtual thread (see {@code Tool.withInvocationType}); one that blocks
   * anyway stalls every connection of that thread. The default says blocking; {@link #none()} and
   * {@link #bearerTokens} say non-blocking. An authenticator that blocks only for some requests
   * keeps the default and overrides {@link #decideWithoutBlocking} instead.
   *
   * @return {@link InvocationType#NON_BLOCKING} only if authenticating never blocks
   */
  default InvocationType invocationType() {
    return InvocationType.BLOCKING;
  }

  /**
   * Decides a request at once if that needs no blocking, for the I/O thread that read it; returns
   * {@code null} when deciding may block, and the request is then handed to a virtual thread, where
   * {@link #authenticate} decides it. A decision returned here is final: {@link #authenticate} is
   * not called for that request. So an authenticator is asked once per request to the endpoint
   * where it decides: a POST or DELETE is first offered here (at most once), and {@link
   * #authenticate} is called exactly once if and only if this returned {@code null}; any other
   * request (a GET, for example) goes straight to {@link #authenticate}. A request decided here
   * (and accepted) is served on the I/O thread when nothing else about it may block, such as a call
   * of a non-blocking tool; otherwise it continues on a virtual thread with this decision.
   *
   * <p>Must never block: no I/O, no waiting for a lock that may be held across I/O or across
   * another thread's work. An exception it throws fails the request with 500, as one of {@link
   * #authenticate} does. The default decides with {@link #authenticate} when {@link
   * #invocationType()} is {@link InvocationType#NON_BLOCKING}, and returns {@code null} otherwise;
   * an authenticator that blocks only sometimes (a token cache in front of a remote check)
   * overrides it to answer what it can without blocking: a missing token, a cached one.
   *
   * @param request a read-only view of the request; valid only during this call
   * @return the decision, as {@link #authenticate} would give it, or {@code null} if reaching it
   *     may block
   */
  default @Nullable Decision decideWithoutBlocking(Request request) {
    return invocationType().isNonBlocking() ? authenticate(request) : null;
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
   * Authenticator#authenticate(Request)} or {@link Authenticator#decideWithoutBlocking(Request)}.
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

  /** What an authenticator decided: {@link Accept}, {@link Reject} or {@link Forbid}. */
  sealed interface Decision permits Accept, Reject, Forbid {}

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
      requireChallenge(challenge, message);
    }
  }

  /**
   * The request is refused with 403 Forbidden: the caller is authenticated but may not use the
   * endpoint, e.g. its OAuth token lacks a scope the server requires (RFC 6750 §3.1 {@code
   * insufficient_scope}, which tells a client to ask for more: the MCP specification's step-up).
   *
   * {@snippet :
   * new Authenticator.Forbid(
   *     "Bearer error=\"insufficient_scope\", scope=\"mcp:tools\"", "insufficient scope");
   * }
   *
   * @param challenge the {@code WWW-Authenticate} header value
   * @param message a short reason for the JSON-RPC error's message; never echo secrets into it
   */
  record Forbid(String challenge, String message) implements Decision {
    /** Validates the fields. */
    public Forbid {
      requireChallenge(challenge, message);
    }
  }

  private static void requireChallenge(String challenge, String message) {
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
