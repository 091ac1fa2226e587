package dev.mcpkit.auth.server;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JWSAlgorithm;
import dev.mcpkit.auth.server.internal.BearerAuthenticator;
import dev.mcpkit.auth.server.internal.ResourceServerSettings;
import dev.mcpkit.transport.jetty.Authenticator;
import dev.mcpkit.transport.jetty.McpHttpServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An MCP server as an OAuth 2.1 resource server, per the MCP specification's "Authorization" page:
 * it accepts only bearer access tokens issued by its authorization server for its canonical
 * resource URI, and tells clients how to get one.
 *
 * <ul>
 *   <li><b>Protected Resource Metadata</b> (RFC 9728): {@code resource}, {@code
 *       authorization_servers}, {@code scopes_supported}, {@code bearer_methods_supported}, served
 *       at {@code /.well-known/oauth-protected-resource} followed by the resource's path (e.g.
 *       {@code /.well-known/oauth-protected-resource/mcp}, RFC 9728 §3.1) and at the bare
 *       well-known path, for clients that only try that one.
 *   <li><b>Challenges</b>: no token gets 401 with {@code WWW-Authenticate: Bearer
 *       resource_metadata="<metadata url>", scope="..."}; a token that is not acceptable gets 401
 *       with {@code error="invalid_token"}; a valid token without one of the {@linkplain
 *       Builder#requiredScopes required scopes} gets 403 with {@code error="insufficient_scope"}
 *       and the scopes needed. Every refusal carries a JSON-RPC error body, never a stack trace.
 *   <li><b>JWT access tokens</b> are checked with Nimbus JOSE+JWT against the keys of the
 *       authorization server's {@code jwks_uri}, found in its metadata (RFC 8414 {@code
 *       /.well-known/oauth-authorization-server}, then OpenID Connect Discovery): keys cached
 *       ({@link Builder#keyCacheTtl}), refetched when a token names an unknown {@code kid} but at
 *       most once per {@link Builder#keyRefreshMinInterval}; the algorithm on an allow-list
 *       (default RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512; never {@code none},
 *       HMAC only if configured); {@code iss} exactly the issuer; {@code exp} required, {@code exp}
 *       and {@code nbf} with a bounded clock skew (default 60 s); {@code aud} must contain the
 *       canonical resource URI (RFC 8707), so a token minted for another resource is refused and
 *       never passed on. A token found valid is remembered until it expires ({@link
 *       Builder#tokenCacheSize}), so a client reusing its token is not re-checked each request.
 *   <li><b>Opaque tokens</b> (anything that does not parse as a JWT), when {@link
 *       Builder#introspection} is set, are introspected (RFC 7662) with the resource server's
 *       client credentials ({@code client_secret_basic}); active answers are cached until the
 *       token's {@code exp} (bounded in time and count).
 * </ul>
 *
 * <p>The accepted principal is a {@link dev.mcpkit.auth.TokenPrincipal} (subject, client id,
 * scopes, claims), which the engine binds to the session and hands to handlers through their
 * context.
 *
 * <p><b>When the authorization server is unreachable</b> (its metadata, keys or introspection
 * endpoint), requests that need it are answered 503 with {@code Retry-After} and a generic JSON-RPC
 * error, and a warning is logged: not 401, which would send a client with a good token to authorize
 * again. Discovery happens on the first request, not at build time, so the resource server may
 * start before its authorization server; a failed discovery is retried after a few seconds.
 *
 * <p>The authenticator {@linkplain Authenticator#invocationType() may block}: with cached keys a
 * JWT is checked on the CPU alone (a few microseconds, see {@code BENCHMARKS.md}), but a token with
 * an unknown {@code kid}, the first request, and an uncached opaque token wait for the
 * authorization server, so such requests are served on virtual threads. A request without a token,
 * or with a JWT already validated (and not expired), is decided on the I/O thread ({@link
 * Authenticator#decideWithoutBlocking}), so the transport still serves it there when its tool does
 * not block.
 *
 * {@snippet :
 * ResourceServer auth = ResourceServer.builder()
 *     .resource(URI.create("https://mcp.example.com/mcp"))
 *     .authorizationServer(URI.create("https://auth.example.com"))
 *     .scopesSupported("mcp:tools", "mcp:resources")
 *     .requiredScopes("mcp:tools")
 *     .build();
 * McpHttpServer server = auth.install(McpHttpServer.builder().engine(engine)).build();
 * }
 *
 * <p>Thread-safe: immutable once built; its authenticator is thread-safe.
 */
public final class ResourceServer {
  /** The well-known path of Protected Resource Metadata (RFC 9728 §3). */
  public static final String METADATA_PATH = "/.well-known/oauth-protected-resource";

  /** The default tolerance on {@code exp} and {@code nbf}: 60 seconds. */
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

  /** The default connect and read timeout of calls to the authorization server: 5 seconds. */
  public static final Duration DEFAULT_HTTP_TIMEOUT = Duration.ofSeconds(5);

  /** The default time keys are used before they are fetched again: 15 minutes. */
  public static final Duration DEFAULT_KEY_CACHE_TTL = Duration.ofMinutes(15);

  /** The default least time between two fetches of the keys: 30 seconds. */
  public static final Duration DEFAULT_KEY_REFRESH_MIN_INTERVAL = Duration.ofSeconds(30);

  /** The default most validated JWTs remembered: 10,000. */
  public static final int DEFAULT_TOKEN_CACHE_SIZE = 10_000;

  /** The default most introspection answers cached: 10,000. */
  public static final int DEFAULT_INTROSPECTION_CACHE_SIZE = 10_000;

  /** The default longest an introspection answer is cached: 5 minutes. */
  public static final Duration DEFAULT_INTROSPECTION_CACHE_TTL = Duration.ofMinutes(5);

  private static final List<JWSAlgorithm> DEFAULT_ALGORITHMS =
      List.of(
          JWSAlgorithm.RS256,
          JWSAlgorithm.RS384,
          JWSAlgorithm.RS512,
          JWSAlgorithm.PS256,
          JWSAlgorithm.PS384,
          JWSAlgorithm.PS512,
          JWSAlgorithm.ES256,
          JWSAlgorithm.ES384,
          JWSAlgorithm.ES512);

  private final ResourceServerSettings settings;
  private final URI metadataUrl;
  private final byte[] metadata;
  private final Authenticator authenticator;

  private ResourceServer(ResourceServerSettings settings) {
    this.settings = settings;
    this.metadataUrl = metadataUrl(settings.resource());
    this.metadata = metadataDocument(settings);
    this.authenticator = new BearerAuthenticator(settings, metadataUrl);
  }

  /**
   * Starts a builder; {@link Builder#resource} and {@link Builder#authorizationServer} are
   * required.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the canonical resource URI that tokens must name in {@code aud}.
   *
   * @return the resource URI
   */
  public URI resource() {
    return settings.resource();
  }

  /**
   * Returns the URL of the Protected Resource Metadata that challenges point to: the resource's
   * origin, {@value #METADATA_PATH}, then the resource's path (RFC 9728 §3.1).
   *
   * @return the metadata URL
   */
  public URI metadataUrl() {
    return metadataUrl;
  }

  /**
   * Returns the paths {@link #install} serves the metadata at: the path-suffixed one, then the bare
   * one (only one if the resource has no path).
   *
   * @return the paths
   */
  public List<String> metadataPaths() {
    String suffixed = metadataUrl.getRawPath();
    return suffixed.equals(METADATA_PATH)
        ? List.of(METADATA_PATH)
        : List.of(suffixed, METADATA_PATH);
  }

  /**
   * Returns the Protected Resource Metadata document (RFC 9728 §2), JSON in UTF-8.
   *
   * @return a copy of the document
   */
  public byte[] metadataDocument() {
    return metadata.clone();
  }

  /**
   * Returns the authenticator that validates bearer tokens, for servers wired by hand; {@link
   * #install} sets it.
   *
   * @return the authenticator; thread-safe, blocking
   */
  public Authenticator authenticator() {
    return authenticator;
  }

  /**
   * Protects a server: sets its {@linkplain McpHttpServer.Builder#authenticator authenticator} and
   * serves the metadata at {@link #metadataPaths()} ({@linkplain McpHttpServer.Builder#document
   * public documents}).
   *
   * @param server the server's builder
   * @return the same builder
   */
  public McpHttpServer.Builder install(McpHttpServer.Builder server) {
    requireNonNull(server, "server");
    server.authenticator(authenticator);
    for (String path : metadataPaths()) {
      server.document(path, "application/json", metadata);
    }
    return server;
  }

  private static URI metadataUrl(URI resource) {
    String path = resource.getRawPath();
    String suffix = path == null || path.equals("/") ? "" : path;
    return URI.create(
        resource.getScheme() + "://" + resource.getRawAuthority() + METADATA_PATH + suffix);
  }

  private static byte[] metadataDocument(ResourceServerSettings settings) {
    JsonMapper json = JsonMapper.builder().build();
    ObjectNode document = json.createObjectNode();
    document.put("resource", settings.resource().toString());
    document.putArray("authorization_servers").add(settings.issuer().toString());
    if (!settings.scopesSupported().isEmpty()) {
      ArrayNode scopes = document.putArray("scopes_supported");
      settings.scopesSupported().forEach(scopes::add);
    }
    document.putArray("bearer_methods_supported").add("header");
    return json.writeValueAsString(document).getBytes(StandardCharsets.UTF_8);
  }

  /** A mutable builder; not thread-safe. Each setter validates its argument at once. */
  public static final class Builder {
    private @Nullable URI resource;
    private @Nullable URI issuer;
    private final Set<String> scopesSupported = new LinkedHashSet<>();
    private final Set<String> requiredScopes = new LinkedHashSet<>();
    private final Set<JWSAlgorithm> algorithms = new LinkedHashSet<>(DEFAULT_ALGORITHMS);
    private Duration clockSkew = DEFAULT_CLOCK_SKEW;
    private Duration httpTimeout = DEFAULT_HTTP_TIMEOUT;
    private Duration keyCacheTtl = DEFAULT_KEY_CACHE_TTL;
    private Duration keyRefreshMinInterval = DEFAULT_KEY_REFRESH_MIN_INTERVAL;
    private int tokenCacheSize = DEFAULT_TOKEN_CACHE_SIZE;
    private ResourceServerSettings.@Nullable IntrospectionSettings introspection;
    private @Nullable URI introspectionEndpoint;
    private int introspectionCacheSize = DEFAULT_INTROSPECTION_CACHE_SIZE;
    private Duration introspectionCacheTtl = DEFAULT_INTROSPECTION_CACHE_TTL;

    private Builder() {}

    /**
     * Sets the canonical resource URI of this server (RFC 8707 §2; the MCP endpoint's URL as
     * clients reach it, e.g. {@code https://mcp.example.com/mcp}): tokens must name it in {@code
     * aud}, and the metadata names it as {@code resource}.
     *
     * @param resource an absolute {@code http} or {@code https} URI without fragment
     * @return this builder
     */
    public Builder resource(URI resource) {
      this.resource = httpUri(resource, "resource");
      if (resource.getRawFragment() != null) {
        throw new IllegalArgumentException("resource must not have a fragment, was " + resource);
      }
      return this;
    }

    /**
     * Sets the authorization server, by its issuer identifier: tokens must carry it as {@code iss},
     * its metadata is found from it, and the resource metadata lists it.
     *
     * @param issuer an absolute {@code http} or {@code https} URI, e.g. {@code
     *     https://auth.example.com}
     * @return this builder
     */
    public Builder authorizationServer(URI issuer) {
      this.issuer = httpUri(issuer, "authorizationServer");
      return this;
    }

    /**
     * Adds scopes to advertise in the metadata's {@code scopes_supported}, and in the {@code scope}
     * of 401 challenges when no scope is required.
     *
     * @param scopes scope names, without spaces
     * @return this builder
     */
    public Builder scopesSupported(String... scopes) {
      for (String scope : scopes) {
        scopesSupported.add(scopeName(scope));
      }
      return this;
    }

    /**
     * Adds scopes that every request needs: a valid token without one of them gets 403 {@code
     * insufficient_scope}. They are advertised too, as if given to {@link #scopesSupported}.
     * Per-tool scopes are the engine's business, not this one's.
     *
     * @param scopes scope names, without spaces
     * @return this builder
     */
    public Builder requiredScopes(String... scopes) {
      for (String scope : scopes) {
        requiredScopes.add(scopeName(scope));
        scopesSupported.add(scope);
      }
      return this;
    }

    /**
     * Replaces the allow-list of JWS algorithms. {@code none} is refused; HMAC algorithms ({@code
     * HS256}...) are accepted here only if the authorization server really publishes symmetric keys
     * in its key set, which is rare.
     *
     * @param names algorithm names, e.g. {@code RS256}, {@code ES256}, {@code EdDSA}; not empty
     * @return this builder
     */
    public Builder algorithms(String... names) {
      if (names.length == 0) {
        throw new IllegalArgumentException("algorithms must not be empty");
      }
      Set<JWSAlgorithm> parsed = new LinkedHashSet<>();
      for (String name : names) {
        requireNonNull(name, "algorithm");
        if (name.strip().toLowerCase(Locale.ROOT).equals("none")) {
          throw new IllegalArgumentException("algorithm none is never accepted");
        }
        parsed.add(JWSAlgorithm.parse(name.strip()));
      }
      algorithms.clear();
      algorithms.addAll(parsed);
      return this;
    }

    /**
     * Sets the tolerance on {@code exp} and {@code nbf} for clocks that disagree.
     *
     * @param clockSkew zero to 5 minutes, in whole seconds; default {@link #DEFAULT_CLOCK_SKEW}
     * @return this builder
     */
    public Builder clockSkew(Duration clockSkew) {
      requireNonNull(clockSkew, "clockSkew");
      if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new IllegalArgumentException(
            "clockSkew must be from 0 to 5 minutes, was " + clockSkew);
      }
      this.clockSkew = clockSkew;
      return this;
    }

    /**
     * Sets the connect and read timeout of each call to the authorization server (metadata, keys,
     * introspection).
     *
     * @param httpTimeout at least 1 ms; default {@link #DEFAULT_HTTP_TIMEOUT}
     * @return this builder
     */
    public Builder httpTimeout(Duration httpTimeout) {
      this.httpTimeout = positive(httpTimeout, "httpTimeout");
      return this;
    }

    /**
     * Sets how long fetched keys are used before they are fetched again.
     *
     * @param keyCacheTtl at least 1 ms, longer than {@link #keyRefreshMinInterval}; default {@link
     *     #DEFAULT_KEY_CACHE_TTL}
     * @return this builder
     */
    public Builder keyCacheTtl(Duration keyCacheTtl) {
      this.keyCacheTtl = positive(keyCacheTtl, "keyCacheTtl");
      return this;
    }

    /**
     * Sets the least time between two fetches of the keys: a token naming an unknown {@code kid}
     * refetches them (a rotation at the authorization server), but a flood of such tokens does not
     * turn into a flood of fetches; within the interval they are refused as signed by an unknown
     * key.
     *
     * @param keyRefreshMinInterval at least 1 ms; default {@link #DEFAULT_KEY_REFRESH_MIN_INTERVAL}
     * @return this builder
     */
    public Builder keyRefreshMinInterval(Duration keyRefreshMinInterval) {
      this.keyRefreshMinInterval = positive(keyRefreshMinInterval, "keyRefreshMinInterval");
      return this;
    }

    /**
     * Bounds the cache of validated JWTs: a token seen valid is remembered (by its SHA-256 digest,
     * not the token) until its {@code exp} plus the clock skew, at most one {@link #keyCacheTtl},
     * so a client reusing its token costs a lookup per request instead of a signature check. When
     * full, expired entries are dropped, else new tokens are checked without being remembered.
     *
     * @param size the most tokens remembered; 0 checks every request's signature; default {@link
     *     #DEFAULT_TOKEN_CACHE_SIZE}
     * @return this builder
     */
    public Builder tokenCacheSize(int size) {
      if (size < 0) {
        throw new IllegalArgumentException("tokenCacheSize must not be negative, was " + size);
      }
      this.tokenCacheSize = size;
      return this;
    }

    /**
     * Accepts opaque tokens (any token that is not a JWT) by introspection (RFC 7662), this server
     * authenticating to the introspection endpoint with {@code client_secret_basic}. Without it,
     * opaque tokens are refused as invalid.
     *
     * @param clientId this resource server's client id at the authorization server
     * @param clientSecret its secret; never logged
     * @return this builder
     */
    public Builder introspection(String clientId, String clientSecret) {
      requireNonNull(clientId, "clientId");
      requireNonNull(clientSecret, "clientSecret");
      if (clientId.isBlank()) {
        throw new IllegalArgumentException("introspection clientId must not be blank");
      }
      this.introspection =
          new ResourceServerSettings.IntrospectionSettings(
              clientId, clientSecret, null, DEFAULT_INTROSPECTION_CACHE_SIZE, Duration.ZERO);
      return this;
    }

    /**
     * Sets the introspection endpoint, for an authorization server whose metadata does not name one
     * ({@code introspection_endpoint}).
     *
     * @param endpoint an absolute {@code http} or {@code https} URI
     * @return this builder
     */
    public Builder introspectionEndpoint(URI endpoint) {
      this.introspectionEndpoint = httpUri(endpoint, "introspectionEndpoint");
      return this;
    }

    /**
     * Bounds the introspection cache.
     *
     * @param size the most answers kept, positive; default {@link
     *     #DEFAULT_INTROSPECTION_CACHE_SIZE}
     * @param ttl the longest an answer is kept, also bounded by the token's {@code exp}; zero to
     *     not cache; default {@link #DEFAULT_INTROSPECTION_CACHE_TTL}
     * @return this builder
     */
    public Builder introspectionCache(int size, Duration ttl) {
      if (size <= 0) {
        throw new IllegalArgumentException(
            "introspection cache size must be positive, was " + size);
      }
      requireNonNull(ttl, "ttl");
      if (ttl.isNegative()) {
        throw new IllegalArgumentException(
            "introspection cache ttl must not be negative, was " + ttl);
      }
      this.introspectionCacheSize = size;
      this.introspectionCacheTtl = ttl;
      return this;
    }

    /**
     * Builds the resource server. Nothing is fetched yet: the authorization server is discovered on
     * the first request.
     *
     * @return the resource server
     * @throws IllegalStateException if the resource or the authorization server is missing, or the
     *     key cache lives no longer than the refresh interval
     */
    public ResourceServer build() {
      URI resourceUri = resource;
      URI issuerUri = issuer;
      if (resourceUri == null || issuerUri == null) {
        throw new IllegalStateException("resource and authorizationServer must be set");
      }
      if (keyCacheTtl.compareTo(keyRefreshMinInterval) <= 0) {
        throw new IllegalStateException(
            "keyCacheTtl ("
                + keyCacheTtl
                + ") must be longer than keyRefreshMinInterval ("
                + keyRefreshMinInterval
                + ")");
      }
      ResourceServerSettings.IntrospectionSettings opaque = introspection;
      if (opaque == null && introspectionEndpoint != null) {
        throw new IllegalStateException("introspectionEndpoint needs introspection credentials");
      }
      return new ResourceServer(
          new ResourceServerSettings(
              resourceUri,
              issuerUri,
              new ArrayList<>(scopesSupported),
              requiredScopes,
              algorithms,
              clockSkew,
              httpTimeout,
              keyCacheTtl,
              keyRefreshMinInterval,
              tokenCacheSize,
              opaque == null
                  ? null
                  : new ResourceServerSettings.IntrospectionSettings(
                      opaque.clientId(),
                      opaque.clientSecret(),
                      introspectionEndpoint,
                      introspectionCacheSize,
                      introspectionCacheTtl)));
    }

    private static URI httpUri(URI uri, String name) {
      requireNonNull(uri, name);
      String scheme = uri.getScheme();
      if (!uri.isAbsolute()
          || uri.getHost() == null
          || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
        throw new IllegalArgumentException(name + " must be an absolute http(s) URI, was " + uri);
      }
      return uri;
    }

    private static String scopeName(String scope) {
      requireNonNull(scope, "scope");
      if (scope.isEmpty() || scope.indexOf(' ') >= 0 || scope.indexOf('"') >= 0) {
        throw new IllegalArgumentException(
            "a scope must be non-empty, without spaces or quotes, was \"" + scope + "\"");
      }
      return scope;
    }

    private static Duration positive(Duration value, String name) {
      requireNonNull(value, name);
      if (value.toMillis() <= 0) {
        throw new IllegalArgumentException(name + " must be at least 1 ms, was " + value);
      }
      return value;
    }
  }
}
