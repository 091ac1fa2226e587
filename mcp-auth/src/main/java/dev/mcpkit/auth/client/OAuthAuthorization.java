package dev.mcpkit.auth.client;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.JWTBearerGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.transport.jetty.ClientAuthorization;
import java.net.URI;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OAuth 2.1 client for one MCP server, as the MCP specification's authorization page asks, that
 * plugs into {@link dev.mcpkit.transport.jetty.McpHttpClient}:
 *
 * {@snippet :
 * URI server = URI.create("https://tools.example/mcp");
 * McpClient client = McpHttpClient.builder(server)
 *     .authorization(OAuthAuthorization.builder(server)
 *         .clientMetadataDocument(URI.create("https://app.example/oauth/client.json"))
 *         .redirectUri(URI.create("http://127.0.0.1:8976/callback"))
 *         .browser(myBrowser)
 *         .build())
 *     .build();
 * }
 *
 * <p>On a 401 it reads the protected resource metadata (RFC 9728: the URL in {@code
 * WWW-Authenticate}, then the well-known locations, path-suffixed first), checks that it speaks for
 * this server, finds the authorization server's metadata (RFC 8414 with the issuer's path inserted,
 * then OpenID Connect Discovery; its {@code issuer} must be the one it was fetched for; for a
 * server of revision 2025-03-26 without resource metadata, the server's origin and its default
 * endpoints), identifies the client (a kept or pre-registered registration, a Client ID Metadata
 * Document, or Dynamic Client Registration), and runs the grant: by default the authorization code
 * grant with PKCE (S256), the {@code resource} parameter (RFC 8707) and the RFC 9207 {@code iss}
 * check; or client credentials, a workload's JWT bearer assertion, or enterprise-managed
 * authorization. Scopes follow the specification: the challenge's {@code scope}, else the
 * resource's {@code scopes_supported}, else none; on 403 {@code insufficient_scope} the union of
 * what was asked before and what the challenge names (step-up), at most {@link
 * Builder#maxAuthorizations} times per request. {@code offline_access} is added when the
 * authorization server lists it. Tokens are bound with DPoP when the authorization server supports
 * ES256 proofs, with the servers' nonces. Tokens are refreshed shortly before they expire.
 *
 * <p>Tokens and registrations are kept in the {@link TokenStore}; none is ever logged.
 *
 * <p>Thread-safety: thread-safe. Authorization flows are serialized by a lock (they block on the
 * network and the user); the headers of requests are computed without it, except for a refresh.
 */
public final class OAuthAuthorization implements ClientAuthorization {
  private static final Logger LOG = LoggerFactory.getLogger(OAuthAuthorization.class);

  /** How long before expiry a token is refreshed. */
  private static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);

  private static final String OFFLINE_ACCESS = "offline_access";

  private final URI server;
  private final String key;
  private final URI redirectUri;
  private final AuthorizationBrowser browser;
  private final TokenStore store;
  private final int maxAuthorizations;
  private final boolean offlineAccess;
  private final boolean dpopAllowed;
  private final Grant grant;
  private final ClientIdentity identity;
  private final ReentrantLock flow = new ReentrantLock();

  /** Scopes asked for so far, kept for the union of a step-up; guarded by {@link #flow}. */
  private final Set<String> requested = new LinkedHashSet<>();

  /** The authorization server of the current tokens and the resource they are for. */
  private volatile @Nullable AuthServer authServer;

  private volatile @Nullable String resource;

  /**
   * Where the resource metadata was found last: a later challenge without {@code resource_metadata}
   * (a 403 often has none) still finds it there.
   */
  private volatile @Nullable String metadataLocation;

  /** DPoP keys and nonces, once an authorization server supports DPoP. */
  private volatile @Nullable DPoPProofs dpop;

  private OAuthAuthorization(Builder builder) {
    this.server = builder.server;
    this.key = builder.server.toString();
    this.redirectUri = builder.redirectUri;
    this.browser = builder.browser;
    this.store = builder.store;
    this.maxAuthorizations = builder.maxAuthorizations;
    this.offlineAccess = builder.offlineAccess;
    this.dpopAllowed = builder.dpop;
    this.grant = builder.grant;
    this.identity =
        new ClientIdentity(
            builder.store,
            builder.redirectUri,
            builder.clientName,
            builder.metadataDocument,
            builder.clientId,
            builder.clientSecret);
    builder.registrations.forEach(store::saveRegistration);
  }

  /**
   * Starts a builder.
   *
   * @param server the MCP server's endpoint, as given to the {@code McpHttpClient}
   * @return a builder
   */
  public static Builder builder(URI server) {
    return new Builder(server);
  }

  @Override
  public Map<String, String> headers(String method, URI uri) {
    Tokens tokens = current();
    if (tokens == null) {
      return Map.of();
    }
    DPoPProofs proofs = dpop;
    if (tokens.dpop() && proofs != null) {
      return Map.of(
          "Authorization",
          "DPoP " + tokens.accessToken(),
          "DPoP",
          proofs.forServer(method, uri, tokens.accessToken()));
    }
    return Map.of("Authorization", "Bearer " + tokens.accessToken());
  }

  @Override
  public boolean refused(Refusal refusal) {
    Challenge challenge = Challenge.parse(refusal.header("WWW-Authenticate"));
    if (refusal.status() == 401 && "use_dpop_nonce".equals(challenge.error())) {
      List<String> nonce = refusal.header("DPoP-Nonce");
      DPoPProofs proofs = dpop;
      if (nonce.isEmpty() || proofs == null) {
        return false;
      }
      proofs.serverNonce(new Nonce(nonce.getFirst()));
      return true;
    }
    if (refusal.status() == 403 && !"insufficient_scope".equals(challenge.error())) {
      return false; // forbidden for another reason: new tokens would not help
    }
    if (refusal.attempt() > maxAuthorizations) {
      LOG.debug("giving up after {} authorizations for one request", maxAuthorizations);
      return false;
    }
    Tokens before = store.tokens(key).orElse(null);
    flow.lock();
    try {
      if (!Objects.equals(before, store.tokens(key).orElse(null))) {
        return true; // another request's refusal obtained new tokens meanwhile: use them
      }
      authorize(challenge, refusal.status());
      return true;
    } finally {
      flow.unlock();
    }
  }

  /** The tokens to send, refreshed first when they are about to expire; {@code null} for none. */
  private @Nullable Tokens current() {
    Tokens tokens = store.tokens(key).orElse(null);
    if (tokens == null || !tokens.expiresBefore(Instant.now().plus(REFRESH_MARGIN))) {
      return tokens;
    }
    flow.lock();
    try {
      tokens = store.tokens(key).orElse(null);
      if (tokens == null || !tokens.expiresBefore(Instant.now().plus(REFRESH_MARGIN))) {
        return tokens; // another thread refreshed them
      }
      AuthServer at = authServer;
      Tokens refreshed = at == null ? null : refresh(tokens, at);
      if (refreshed == null) {
        store.removeTokens(key); // expired and not refreshable: the next 401 authorizes anew
      }
      return refreshed;
    } finally {
      flow.unlock();
    }
  }

  /** Obtains new tokens after a refusal. Runs under {@link #flow}. */
  private void authorize(Challenge challenge, int status) {
    String named = challenge.resourceMetadata();
    ResourceMetadata metadata =
        ResourceMetadata.discover(server, named != null ? named : metadataLocation);
    AuthServer at;
    String resourceId;
    if (metadata != null) {
      if (!metadata.covers(server)) {
        throw new McpClientException(
            "the protected resource metadata names the resource "
                + metadata.resource()
                + ", which is not "
                + server
                + ": refusing to authorize for it",
            null);
      }
      if (metadata.authorizationServers().isEmpty()) {
        throw new McpClientException(
            "the protected resource metadata of " + server + " names no authorization server",
            null);
      }
      at = AuthServer.discover(metadata.authorizationServers().getFirst());
      resourceId = metadata.resource();
      metadataLocation = metadata.location().toString();
    } else {
      at = AuthServer.legacy(server);
      resourceId = server.toString();
    }
    if (dpopAllowed
        && dpop == null
        && at.metadata().getDPoPJWSAlgs() != null
        && at.metadata().getDPoPJWSAlgs().contains(JWSAlgorithm.ES256)) {
      dpop = new DPoPProofs();
    }
    Tokens old = store.tokens(key).orElse(null);
    if (status == 401
        && old != null
        && old.refreshToken() != null
        && old.issuer().equals(at.issuer())) {
      Tokens refreshed = refresh(old, at);
      if (refreshed != null) {
        return;
      }
    }
    Set<String> scopes = scopes(challenge, metadata, at);
    Tokens fresh = obtain(at, resourceId, scopes);
    store.saveTokens(key, fresh);
    authServer = at;
    resource = resourceId;
    LOG.debug("authorized at {} for {} with scopes {}", at.issuer(), resourceId, fresh.scopes());
  }

  /**
   * The specification's scope selection: the challenge's scope, else the resource's {@code
   * scopes_supported}, else none; joined with the scopes asked for before (a step-up keeps what it
   * had), plus {@code offline_access} when a refresh token is wanted and the server offers it.
   */
  private Set<String> scopes(
      Challenge challenge, @Nullable ResourceMetadata metadata, AuthServer at) {
    Set<String> scopes = new LinkedHashSet<>();
    String challenged = challenge.scope();
    if (challenged != null) {
      scopes.addAll(List.of(challenged.trim().split("\\s+")));
    } else if (metadata != null) {
      scopes.addAll(metadata.scopesSupported());
    }
    if (scopes.isEmpty()) {
      return scopes;
    }
    requested.addAll(scopes);
    Set<String> union = new LinkedHashSet<>(requested);
    if (offlineAccess
        && grant instanceof Grant.AuthorizationCode
        && at.supportsScope(OFFLINE_ACCESS)) {
      union.add(OFFLINE_ACCESS);
    }
    return union;
  }

  private Tokens obtain(AuthServer at, String resourceId, Set<String> scopes) {
    URI resourceUri = URI.create(resourceId);
    URI tokenEndpoint = at.metadata().getTokenEndpointURI();
    if (tokenEndpoint == null) {
      throw new McpClientException(at.issuer() + " names no token endpoint", null);
    }
    return switch (grant) {
      case Grant.AuthorizationCode ignored ->
          new CodeFlow(browser, redirectUri).run(at, identity.at(at), resourceUri, scopes, dpop);
      case Grant.ClientCredentials credentials -> {
        ClientRegistration registration =
            new ClientRegistration(
                at.issuer(),
                credentials.clientId(),
                credentials.secret(),
                credentials.signer() != null ? "private_key_jwt" : "client_secret_basic");
        TokenRequest.Builder request =
            TokenEndpoint.builder(
                    tokenEndpoint, registration, new ClientCredentialsGrant(), credentials.signer())
                .resources(resourceUri);
        yield TokenEndpoint.send(at, request, scopes, dpop, null);
      }
      case Grant.JwtBearer bearer -> {
        TokenRequest.Builder request =
            TokenEndpoint.builder(
                    tokenEndpoint,
                    new ClientRegistration(at.issuer(), bearer.clientId(), null, "none"),
                    new JWTBearerGrant(parse(bearer.assertion().get())),
                    null)
                .resources(resourceUri);
        yield TokenEndpoint.send(at, request, scopes, dpop, null);
      }
      case Grant.EnterpriseManaged enterprise -> {
        String assertion = EnterpriseAssertion.exchange(enterprise, at.issuer(), resourceUri);
        TokenRequest.Builder request =
            TokenEndpoint.builder(
                    tokenEndpoint,
                    new ClientRegistration(
                        at.issuer(),
                        enterprise.clientId(),
                        enterprise.clientSecret(),
                        "client_secret_basic"),
                    new JWTBearerGrant(parse(assertion)),
                    null)
                .resources(resourceUri);
        yield TokenEndpoint.send(at, request, scopes, dpop, null);
      }
    };
  }

  /** Refreshes the tokens; {@code null} when the server refuses (the caller authorizes anew). */
  private @Nullable Tokens refresh(Tokens tokens, AuthServer at) {
    String refreshToken = tokens.refreshToken();
    ClientRegistration registration = store.registration(at.issuer()).orElse(null);
    if (refreshToken == null || registration == null) {
      return null;
    }
    TokenRequest.Builder request =
        TokenEndpoint.builder(
            at.metadata().getTokenEndpointURI(),
            registration,
            new RefreshTokenGrant(new RefreshToken(refreshToken)),
            null);
    String resourceId = resource;
    if (resourceId != null) {
      request.resources(URI.create(resourceId));
    }
    try {
      Tokens refreshed = TokenEndpoint.send(at, request, Set.of(), dpop, refreshToken);
      if (refreshed.scopes().isEmpty()) {
        refreshed =
            new Tokens(
                refreshed.issuer(),
                refreshed.accessToken(),
                refreshed.dpop(),
                refreshed.refreshToken(),
                refreshed.expiresAt(),
                tokens.scopes());
      }
      store.saveTokens(key, refreshed);
      return refreshed;
    } catch (McpClientException e) {
      LOG.debug("refreshing the tokens failed: {}", e.getMessage());
      return null;
    }
  }

  private static SignedJWT parse(String jwt) {
    try {
      return SignedJWT.parse(jwt);
    } catch (java.text.ParseException e) {
      throw new McpClientException("the assertion is not a signed JWT", e);
    }
  }

  /** Collects the options; each setter validates its value and names it in the message. */
  public static final class Builder {
    private final URI server;
    private URI redirectUri = URI.create("http://127.0.0.1:8976/callback");
    private String clientName = "mcpkit";
    private @Nullable URI metadataDocument;
    private @Nullable String clientId;
    private @Nullable String clientSecret;
    private AuthorizationBrowser browser = AuthorizationBrowser.headless();
    private TokenStore store = TokenStore.inMemory();
    private int maxAuthorizations = 3;
    private boolean offlineAccess = true;
    private boolean dpop = true;
    private Grant grant = new Grant.AuthorizationCode();
    private final List<ClientRegistration> registrations = new ArrayList<>();

    private Builder(URI server) {
      requireNonNull(server, "server");
      if (!server.isAbsolute() || server.getHost() == null) {
        throw new IllegalArgumentException("server must be an absolute http(s) URL: " + server);
      }
      this.server = server;
    }

    /**
     * Sets the redirect URI of the authorization code grant ({@code http://127.0.0.1:8976/callback}
     * by default), where the {@link AuthorizationBrowser} receives the answer.
     *
     * @param uri an absolute URI
     * @return this
     */
    public Builder redirectUri(URI uri) {
      requireNonNull(uri, "uri");
      if (!uri.isAbsolute()) {
        throw new IllegalArgumentException("redirectUri must be absolute: " + uri);
      }
      this.redirectUri = uri;
      return this;
    }

    /**
     * Sets the client name sent at Dynamic Client Registration ({@code mcpkit} by default).
     *
     * @param name the name
     * @return this
     */
    public Builder clientName(String name) {
      this.clientName = requireNonNull(name, "name");
      return this;
    }

    /**
     * Uses a Client ID Metadata Document: its {@code https} URL is the client id at every
     * authorization server that says {@code client_id_metadata_document_supported}.
     *
     * @param url the document's URL
     * @return this
     */
    public Builder clientMetadataDocument(URI url) {
      requireNonNull(url, "url");
      if (!"https".equals(url.getScheme())
          || url.getRawPath() == null
          || url.getRawPath().isEmpty()) {
        throw new IllegalArgumentException(
            "clientMetadataDocument must be an https URL with a path: " + url);
      }
      this.metadataDocument = url;
      return this;
    }

    /**
     * Uses a client id pre-registered with the authorization server the MCP server names (whichever
     * it is), with its secret for a confidential client. A registration kept for that server's
     * issuer ({@link #registration}) comes first.
     *
     * @param clientId the client id
     * @param clientSecret its secret, or {@code null} for a public client
     * @return this
     */
    public Builder clientId(String clientId, @Nullable String clientSecret) {
      this.clientId = requireNonNull(clientId, "clientId");
      this.clientSecret = clientSecret;
      return this;
    }

    /**
     * Adds a pre-registered client, used with the authorization server of its issuer only.
     *
     * @param registration the registration
     * @return this
     */
    public Builder registration(ClientRegistration registration) {
      registrations.add(requireNonNull(registration, "registration"));
      return this;
    }

    /**
     * Sets the user agent of the authorization step ({@link AuthorizationBrowser#headless()} by
     * default).
     *
     * @param browser the user agent
     * @return this
     */
    public Builder browser(AuthorizationBrowser browser) {
      this.browser = requireNonNull(browser, "browser");
      return this;
    }

    /**
     * Sets where tokens and registrations are kept ({@link TokenStore#inMemory()} by default).
     *
     * @param store the store
     * @return this
     */
    public Builder store(TokenStore store) {
      this.store = requireNonNull(store, "store");
      return this;
    }

    /**
     * Sets how many times one request may cause an authorization (3 by default): a server that
     * keeps answering 403 {@code insufficient_scope} does not make the client loop.
     *
     * @param max at least 1
     * @return this
     */
    public Builder maxAuthorizations(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxAuthorizations must be >= 1: " + max);
      }
      this.maxAuthorizations = max;
      return this;
    }

    /**
     * Whether to ask for {@code offline_access} (a refresh token) when the authorization server
     * lists it (on by default).
     *
     * @param enabled whether to
     * @return this
     */
    public Builder offlineAccess(boolean enabled) {
      this.offlineAccess = enabled;
      return this;
    }

    /**
     * Whether to bind tokens with DPoP (RFC 9449) when the authorization server supports ES256
     * proofs (on by default).
     *
     * @param enabled whether to
     * @return this
     */
    public Builder dpop(boolean enabled) {
      this.dpop = enabled;
      return this;
    }

    /**
     * Uses the client credentials grant with a secret (HTTP Basic), for a client acting on its own
     * behalf.
     *
     * @param clientId the client id
     * @param clientSecret the client secret
     * @return this
     */
    public Builder clientCredentials(String clientId, String clientSecret) {
      this.grant =
          new Grant.ClientCredentials(
              requireNonNull(clientId, "clientId"),
              requireNonNull(clientSecret, "clientSecret"),
              null);
      return this;
    }

    /**
     * Uses the client credentials grant, the client authenticated by a JWT it signs ({@code
     * private_key_jwt}, RFC 7523) whose audience is the authorization server's issuer.
     *
     * @param clientId the client id
     * @param key the client's private key
     * @param algorithm the JWS algorithm, e.g. {@code ES256}
     * @return this
     */
    public Builder clientCredentials(String clientId, PrivateKey key, String algorithm) {
      requireNonNull(clientId, "clientId");
      this.grant =
          new Grant.ClientCredentials(
              clientId,
              null,
              TokenEndpoint.keySigner(
                  clientId, requireNonNull(key, "key"), requireNonNull(algorithm, "algorithm")));
      return this;
    }

    /**
     * Uses the JWT bearer grant (RFC 7523) with a workload identity token (SEP-1933); a refused
     * grant is not retried.
     *
     * @param clientId the client id
     * @param assertion supplies the workload's current JWT
     * @return this
     */
    public Builder jwtBearer(String clientId, Supplier<String> assertion) {
      this.grant =
          new Grant.JwtBearer(
              requireNonNull(clientId, "clientId"), requireNonNull(assertion, "assertion"));
      return this;
    }

    /**
     * Uses enterprise-managed authorization (SEP-990): the enterprise IdP exchanges the user's ID
     * token for an identity assertion grant (RFC 8693 token exchange), which this client presents
     * to the authorization server as a JWT bearer grant.
     *
     * @param clientId the client id at the authorization server
     * @param clientSecret its secret there
     * @param idpTokenEndpoint the IdP's token endpoint
     * @param idpClientId the client id at the IdP
     * @param idToken supplies the user's current ID token from the IdP
     * @return this
     */
    public Builder enterpriseManaged(
        String clientId,
        String clientSecret,
        URI idpTokenEndpoint,
        String idpClientId,
        Supplier<String> idToken) {
      this.grant =
          new Grant.EnterpriseManaged(
              requireNonNull(clientId, "clientId"),
              requireNonNull(clientSecret, "clientSecret"),
              requireNonNull(idpTokenEndpoint, "idpTokenEndpoint"),
              requireNonNull(idpClientId, "idpClientId"),
              requireNonNull(idToken, "idToken"));
      return this;
    }

    /**
     * Builds the authorization.
     *
     * @return the authorization, for {@code McpHttpClient.Builder.authorization}
     */
    public OAuthAuthorization build() {
      return new OAuthAuthorization(this);
    }
  }
}
