package dev.mcpkit.gateway;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.gateway.internal.ConfigReader;
import dev.mcpkit.gateway.tape.TapeSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A gateway's configuration file, YAML or JSON (JSON is YAML too), read and validated at start by
 * {@link #read(Path)}:
 *
 * {@snippet lang = yaml :
 * host: 127.0.0.1          # the address to bind (default 127.0.0.1)
 * port: 8080               # 0 picks a free port (default 8080)
 * separator: "__"          # between an upstream's name and its tools' names, with several upstreams
 * sessionIdleTimeout: 30m  # how long a quiet client session lives (ms, s, m, h or ISO-8601)
 * auth:                    # who may use the gateway (default: anyone); see GatewayAuth
 *   tokens:                # static bearer tokens, or instead: issuer, resource, scopes (OAuth)
 *     - token: ${ALICE_TOKEN}
 *       principal: alice
 * policy:                  # tools per principal, by exposed name; see ToolRule
 *   - principal: "*"
 *     deny: ["*__delete_*"]
 * tapes:                   # record each client session (see dev.mcpkit.gateway.tape)
 *   directory: tapes
 *   maxBytesPerTape: 8MB   # per tape (default 8MB); then maxDurationPerTape (default 1h)
 *   maxTotalBytes: 1GB     # all tapes of the process (default 1GB)
 *   queueCapacity: 10000   # messages waiting for the writer; more are dropped and counted
 *   redactHeaders: [X-Tenant-Key]
 *   redactPaths: [params.arguments.password]
 * redis: redis://127.0.0.1:6379  # a cluster: nodes sharing this Redis serve any client session
 * requestStateKey: ${MCP_STATE_KEY}  # Base64 of 32+ bytes, the same on every node of a cluster
 * rateLimits:              # token buckets per principal, and per tool; see RateLimit
 *   - principal: "*"
 *     requests: 100
 *     per: 1m
 * upstreams:
 *   - name: docs
 *     url: http://127.0.0.1:8081/mcp
 *     timeout: 30s         # per request (default 60s)
 *     maxMessageBytes: 16MB   # the largest answer taken from it (default 16MB)
 *     headers:             # sent to this upstream only; ${VAR} is read from the environment
 *       X-Api-Key: ${DOCS_KEY}
 *     oauth:               # or OAuth client credentials; see UpstreamOAuth
 *       clientId: gateway
 *       clientSecretEnv: DOCS_CLIENT_SECRET
 *   - name: replayed       # a recorded tape served as a mock upstream
 *     tape: tapes/20261202T062500Z-3f2a9c01d4e5.jsonl
 *   - name: files          # stdio: one child process shared by all client sessions
 *     command: npx         # a program, or a whole command line split at spaces, or a list
 *     args: [-y, "@modelcontextprotocol/server-filesystem", /tmp]
 *     env:                 # added to the gateway's environment; ${VAR} as in headers
 *       NODE_OPTIONS: --max-old-space-size=256
 *     directory: /srv/files   # the child's working directory (default: the gateway's)
 *     restart:             # backoff when the child dies: doubling, bounded (default 1s, 30s)
 *       initialDelay: 1s
 *       maxDelay: 30s
 * }
 *
 * @param host the address to bind, or {@code null} for the default
 * @param port the port, or {@code null} for the default
 * @param separator the separator of exposed names, or {@code null} for the default
 * @param sessionIdleTimeout the client sessions' idle timeout, or {@code null} for the default
 * @param upstreams the upstreams, in order, with unique names
 * @param auth how clients authenticate at the gateway, or {@code null} for anyone, anonymously
 * @param policy the tool rules per principal; empty for every tool to everyone
 * @param rateLimits the rate limits; empty for none
 * @param tapes where and how client sessions are recorded ({@code tapes:}), or {@code null} for no
 *     recording
 * @param redis the Redis that gateway nodes share to form a cluster ({@link
 *     McpGateway.Builder#redis}), or {@code null} for a node alone
 * @param requestStateKey the key that signs sessionless clients' {@code requestState} ({@link
 *     McpGateway.Builder#requestStateKey}), Base64 of at least 32 bytes, or {@code null} for a
 *     random key per process (then a retry verifies only on the node that answered)
 */
public record GatewayConfig(
    @Nullable String host,
    @Nullable Integer port,
    @Nullable String separator,
    @Nullable Duration sessionIdleTimeout,
    List<UpstreamConfig> upstreams,
    @Nullable GatewayAuth auth,
    List<ToolRule> policy,
    List<RateLimit> rateLimits,
    @Nullable TapeSettings tapes,
    @Nullable String redis,
    @Nullable String requestStateKey) {

  /**
   * Copies the lists and checks the request-state key.
   *
   * @throws IllegalArgumentException if {@code requestStateKey} is not Base64 of at least 32 bytes
   */
  public GatewayConfig {
    upstreams = List.copyOf(requireNonNull(upstreams, "upstreams"));
    policy = List.copyOf(requireNonNull(policy, "policy"));
    rateLimits = List.copyOf(requireNonNull(rateLimits, "rateLimits"));
    if (requestStateKey != null) {
      decodeKey(requestStateKey);
    }
  }

  /**
   * A configuration whose sessionless clients' states are signed with a random key per process.
   *
   * @param host the address to bind, or {@code null} for the default
   * @param port the port, or {@code null} for the default
   * @param separator the separator of exposed names, or {@code null} for the default
   * @param sessionIdleTimeout the client sessions' idle timeout, or {@code null} for the default
   * @param upstreams the upstreams, in order, with unique names
   * @param auth how clients authenticate at the gateway, or {@code null} for anyone, anonymously
   * @param policy the tool rules per principal; empty for every tool to everyone
   * @param rateLimits the rate limits; empty for none
   * @param tapes where and how client sessions are recorded, or {@code null} for no recording
   * @param redis the Redis that gateway nodes share, or {@code null} for a node alone
   */
  public GatewayConfig(
      @Nullable String host,
      @Nullable Integer port,
      @Nullable String separator,
      @Nullable Duration sessionIdleTimeout,
      List<UpstreamConfig> upstreams,
      @Nullable GatewayAuth auth,
      List<ToolRule> policy,
      List<RateLimit> rateLimits,
      @Nullable TapeSettings tapes,
      @Nullable String redis) {
    this(
        host,
        port,
        separator,
        sessionIdleTimeout,
        upstreams,
        auth,
        policy,
        rateLimits,
        tapes,
        redis,
        null);
  }

  /**
   * The request-state key's bytes.
   *
   * @return the decoded key, or {@code null} if none was given
   */
  public byte @Nullable [] requestStateKeyBytes() {
    return requestStateKey == null ? null : decodeKey(requestStateKey);
  }

  /** Decodes Base64 (standard or URL-safe alphabet) and checks the length; never echoes the key. */
  private static byte[] decodeKey(String text) {
    byte[] key;
    try {
      key =
          text.indexOf('-') >= 0 || text.indexOf('_') >= 0
              ? Base64.getUrlDecoder().decode(text.strip())
              : Base64.getDecoder().decode(text.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("requestStateKey: is not Base64");
    }
    if (key.length < 32) {
      throw new IllegalArgumentException(
          "requestStateKey: needs at least 32 bytes, got " + key.length);
    }
    return key;
  }

  /**
   * A configuration of a node alone (no Redis), recording nothing.
   *
   * @param host the address to bind, or {@code null} for the default
   * @param port the port, or {@code null} for the default
   * @param separator the separator of exposed names, or {@code null} for the default
   * @param sessionIdleTimeout the client sessions' idle timeout, or {@code null} for the default
   * @param upstreams the upstreams, in order, with unique names
   * @param auth how clients authenticate at the gateway, or {@code null} for anyone, anonymously
   * @param policy the tool rules per principal; empty for every tool to everyone
   * @param rateLimits the rate limits; empty for none
   */
  public GatewayConfig(
      @Nullable String host,
      @Nullable Integer port,
      @Nullable String separator,
      @Nullable Duration sessionIdleTimeout,
      List<UpstreamConfig> upstreams,
      @Nullable GatewayAuth auth,
      List<ToolRule> policy,
      List<RateLimit> rateLimits) {
    this(
        host, port, separator, sessionIdleTimeout, upstreams, auth, policy, rateLimits, null, null);
  }

  /**
   * A configuration of upstreams without authentication, policy or rate limits.
   *
   * @param host the address to bind, or {@code null} for the default
   * @param port the port, or {@code null} for the default
   * @param separator the separator of exposed names, or {@code null} for the default
   * @param sessionIdleTimeout the client sessions' idle timeout, or {@code null} for the default
   * @param upstreams the upstreams, in order, with unique names
   */
  public GatewayConfig(
      @Nullable String host,
      @Nullable Integer port,
      @Nullable String separator,
      @Nullable Duration sessionIdleTimeout,
      List<UpstreamConfig> upstreams) {
    this(host, port, separator, sessionIdleTimeout, upstreams, null, List.of(), List.of());
  }

  /** Like the record's, with the Redis URI and the request-state key left out (secrets). */
  @Override
  public String toString() {
    return "GatewayConfig[host=%s, port=%s, separator=%s, sessionIdleTimeout=%s, upstreams=%s, auth=%s, policy=%s, rateLimits=%s, tapes=%s, redis=%s, requestStateKey=%s]"
        .formatted(
            host,
            port,
            separator,
            sessionIdleTimeout,
            upstreams,
            auth,
            policy,
            rateLimits,
            tapes,
            redis == null ? null : "(set)",
            requestStateKey == null ? null : "(set)");
  }

  /**
   * Reads and validates a configuration file.
   *
   * @param file a YAML or JSON file
   * @return the configuration
   * @throws GatewayConfigException naming the key and the problem: unreadable file, bad syntax,
   *     unknown key, wrong type, bad URL, missing URL or command, duplicate upstream name, unset
   *     environment variable, a stdio key on an HTTP upstream, a missing working directory, a
   *     restart backoff whose bound is below its start
   */
  public static GatewayConfig read(Path file) {
    return ConfigReader.read(requireNonNull(file, "file"), System.getenv());
  }

  /**
   * Reads and validates a configuration file with the given environment for {@code ${VAR}}.
   *
   * @param file a YAML or JSON file
   * @param environment the variables headers may name
   * @return the configuration
   * @throws GatewayConfigException naming the key and the problem
   */
  public static GatewayConfig read(Path file, Map<String, String> environment) {
    return ConfigReader.read(requireNonNull(file, "file"), requireNonNull(environment, "env"));
  }
}
