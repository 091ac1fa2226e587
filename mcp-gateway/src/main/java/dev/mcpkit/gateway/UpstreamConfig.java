package dev.mcpkit.gateway;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One server behind the gateway: a Streamable HTTP endpoint, or a command speaking stdio.
 *
 * <p>A stdio upstream is one child process shared by every client session of the gateway (a stdio
 * server has exactly one session); it is started when the gateway is built and restarted with
 * exponential backoff ({@link Restart}) whenever it dies.
 *
 * @param name the upstream's name: letters, digits, {@code _} and {@code -}; prefixes its names
 *     when the gateway has several upstreams
 * @param url the MCP endpoint ({@code http} or {@code https}), a tape's {@code file:} URI ({@link
 *     #tape}), or {@code null} for a stdio upstream
 * @param command the program and its arguments of a stdio upstream; empty for an HTTP upstream
 * @param timeout how long a request to this upstream may take before its caller gets an error
 * @param headers HTTP headers sent with every request to this upstream (its own credentials, for
 *     example); never logged
 * @param oauth the gateway's OAuth client credentials at this upstream (HTTP only), or {@code null}
 * @param environment variables set for a stdio upstream's process, on top of the gateway's own;
 *     never logged
 * @param directory the working directory of a stdio upstream's process, or {@code null} for the
 *     gateway's
 * @param restart how a stdio upstream's process is restarted when it dies
 * @param protocol which protocol generation the gateway speaks to an HTTP upstream ({@link
 *     Protocol#AUTO}: learnt by probing)
 * @param maxMessageBytes the largest message the gateway takes from this upstream: an HTTP answer
 *     (a JSON body, or one event of a stream) or a stdio line; a larger one fails its call with a
 *     JSON-RPC error that names the limit, the upstream going on serving (default {@value
 *     #DEFAULT_MAX_MESSAGE_BYTES}, at least 1024)
 */
public record UpstreamConfig(
    String name,
    @Nullable URI url,
    List<String> command,
    Duration timeout,
    Map<String, String> headers,
    @Nullable UpstreamOAuth oauth,
    Map<String, String> environment,
    @Nullable Path directory,
    Restart restart,
    Protocol protocol,
    int maxMessageBytes) {

  /** The timeout of an upstream that names none. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  /** The message limit of an upstream that names none: 16 MiB. */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

  /** The smallest message limit an upstream may have. */
  public static final int MIN_MAX_MESSAGE_BYTES = 1024;

  /**
   * The protocol generation the gateway speaks to an HTTP upstream, whatever its clients speak: the
   * gateway bridges a session-based client to a 2026-07-28 upstream.
   */
  public enum Protocol {
    /**
     * Learnt by probing ({@code server/discover}, falling back to {@code initialize}), remembered,
     * and probed again after the upstream failed; 2026-07-28 when the upstream serves it.
     */
    AUTO,
    /** The session-based revisions: {@code initialize} and a session per client session. */
    SESSIONS,
    /** Revision 2026-07-28: self-describing requests, no upstream session. */
    STATELESS
  }

  /**
   * The backoff between restarts of a stdio upstream's process: the first restart waits {@code
   * initialDelay}, each one after a failed start or a quick death twice as long as the one before,
   * up to {@code maxDelay}; a process that lived longer than {@code maxDelay} starts the sequence
   * again.
   *
   * @param initialDelay the wait before the first restart, positive
   * @param maxDelay the longest wait, at least {@code initialDelay}
   */
  public record Restart(Duration initialDelay, Duration maxDelay) {
    /** 1 s doubling up to 30 s. */
    public static final Restart DEFAULT =
        new Restart(Duration.ofSeconds(1), Duration.ofSeconds(30));

    /** Validates the delays. */
    public Restart {
      requireNonNull(initialDelay, "initialDelay");
      requireNonNull(maxDelay, "maxDelay");
      if (initialDelay.isNegative() || initialDelay.isZero()) {
        throw new IllegalArgumentException(
            "restart.initialDelay must be positive: " + initialDelay);
      }
      if (maxDelay.compareTo(initialDelay) < 0) {
        throw new IllegalArgumentException(
            "restart.maxDelay " + maxDelay + " must be at least initialDelay " + initialDelay);
      }
    }

    /**
     * The wait before a restart.
     *
     * @param failures the restarts in a row so far without the process living longer than {@link
     *     #maxDelay()}
     * @return {@code initialDelay * 2^failures}, at most {@code maxDelay}
     */
    public Duration delay(int failures) {
      Duration delay = initialDelay;
      for (int i = 0; i < failures && delay.compareTo(maxDelay) < 0; i++) {
        delay = delay.multipliedBy(2);
      }
      return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
  }

  /** Validates the fields, naming the upstream and the offending field. */
  public UpstreamConfig {
    requireNonNull(name, "name");
    if (!name.matches("[A-Za-z0-9_-]{1,32}")) {
      throw new IllegalArgumentException(
          "upstream name '" + name + "' must be 1-32 letters, digits, '_' or '-'");
    }
    command = List.copyOf(requireNonNull(command, "command"));
    headers = Map.copyOf(requireNonNull(headers, "headers"));
    environment = Map.copyOf(requireNonNull(environment, "environment"));
    requireNonNull(timeout, "timeout");
    requireNonNull(restart, "restart");
    requireNonNull(protocol, "protocol");
    if (url == null && protocol != Protocol.AUTO) {
      throw new IllegalArgumentException(
          "upstream " + name + ": protocol is for HTTP upstreams only");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("upstream " + name + ": timeout must be positive");
    }
    if (maxMessageBytes < MIN_MAX_MESSAGE_BYTES) {
      throw new IllegalArgumentException(
          "upstream "
              + name
              + ": maxMessageBytes must be at least "
              + MIN_MAX_MESSAGE_BYTES
              + ", got "
              + maxMessageBytes);
    }
    if ((url == null) == command.isEmpty()) {
      throw new IllegalArgumentException(
          "upstream " + name + ": give exactly one of url and command");
    }
    if (url != null
        && !"http".equals(url.getScheme())
        && !"https".equals(url.getScheme())
        && !"file".equals(url.getScheme())) {
      throw new IllegalArgumentException(
          "upstream " + name + ": url must be http or https (or file, a tape): " + url);
    }
    if (oauth != null
        && (url == null || headers.keySet().stream().anyMatch("Authorization"::equalsIgnoreCase))) {
      throw new IllegalArgumentException(
          "upstream " + name + ": oauth needs a url and no Authorization header");
    }
    if (url != null && (!environment.isEmpty() || directory != null)) {
      throw new IllegalArgumentException(
          "upstream " + name + ": environment and directory are for stdio upstreams only");
    }
  }

  /**
   * An upstream without process settings: an HTTP one, or a stdio one with the gateway's
   * environment and directory and the default restart backoff.
   *
   * @param name the upstream's name
   * @param url its MCP endpoint, or {@code null} for a stdio upstream
   * @param command the program and arguments of a stdio upstream, empty for an HTTP upstream
   * @param timeout per request
   * @param headers HTTP headers sent to it
   */
  public UpstreamConfig(
      String name,
      @Nullable URI url,
      List<String> command,
      Duration timeout,
      Map<String, String> headers) {
    this(name, url, command, timeout, headers, null, Map.of(), null, Restart.DEFAULT);
  }

  /**
   * An upstream whose protocol generation is learnt by probing ({@link Protocol#AUTO}).
   *
   * @param name the upstream's name
   * @param url its MCP endpoint, or {@code null} for a stdio upstream
   * @param command the program and arguments of a stdio upstream, empty for an HTTP upstream
   * @param timeout per request
   * @param headers HTTP headers sent to it
   * @param oauth OAuth client credentials, or {@code null}
   * @param environment a stdio upstream's extra variables
   * @param directory a stdio upstream's working directory, or {@code null}
   * @param restart a stdio upstream's restart backoff
   */
  public UpstreamConfig(
      String name,
      @Nullable URI url,
      List<String> command,
      Duration timeout,
      Map<String, String> headers,
      @Nullable UpstreamOAuth oauth,
      Map<String, String> environment,
      @Nullable Path directory,
      Restart restart) {
    this(
        name,
        url,
        command,
        timeout,
        headers,
        oauth,
        environment,
        directory,
        restart,
        Protocol.AUTO);
  }

  /**
   * An upstream with the default message limit ({@value #DEFAULT_MAX_MESSAGE_BYTES} bytes).
   *
   * @param name the upstream's name
   * @param url its MCP endpoint, or {@code null} for a stdio upstream
   * @param command the program and arguments of a stdio upstream, empty for an HTTP upstream
   * @param timeout per request
   * @param headers HTTP headers sent to it
   * @param oauth OAuth client credentials, or {@code null}
   * @param environment a stdio upstream's extra variables
   * @param directory a stdio upstream's working directory, or {@code null}
   * @param restart a stdio upstream's restart backoff
   * @param protocol the protocol generation spoken to an HTTP upstream
   */
  public UpstreamConfig(
      String name,
      @Nullable URI url,
      List<String> command,
      Duration timeout,
      Map<String, String> headers,
      @Nullable UpstreamOAuth oauth,
      Map<String, String> environment,
      @Nullable Path directory,
      Restart restart,
      Protocol protocol) {
    this(
        name,
        url,
        command,
        timeout,
        headers,
        oauth,
        environment,
        directory,
        restart,
        protocol,
        DEFAULT_MAX_MESSAGE_BYTES);
  }

  /**
   * An HTTP upstream with the default timeout and no headers.
   *
   * @param name the upstream's name
   * @param url its MCP endpoint
   * @return the configuration
   */
  public static UpstreamConfig http(String name, URI url) {
    return new UpstreamConfig(name, url, List.of(), DEFAULT_TIMEOUT, Map.of());
  }

  /**
   * A stdio upstream with the default timeout and restart backoff, the gateway's environment and
   * working directory.
   *
   * @param name the upstream's name
   * @param command the program and its arguments, not empty
   * @return the configuration
   */
  public static UpstreamConfig stdio(String name, List<String> command) {
    return new UpstreamConfig(name, null, command, DEFAULT_TIMEOUT, Map.of());
  }

  /**
   * A recorded tape served as the upstream (a mock of the server it recorded): its answers are
   * those the tape holds, matched by method and parameters, in order. Its {@link #url()} is the
   * file's {@code file:} URI.
   *
   * @param name the upstream's name; the tape's upstream of that name is served, or its only one
   * @param tape a tape file the gateway recorded
   * @return the configuration
   */
  public static UpstreamConfig tape(String name, Path tape) {
    return new UpstreamConfig(
        name, tape.toAbsolutePath().toUri(), List.of(), DEFAULT_TIMEOUT, Map.of());
  }

  /**
   * Tells whether this upstream is a recorded tape ({@link #tape}).
   *
   * @return {@code true} for a {@code file:} URL
   */
  public boolean isTape() {
    return url != null && "file".equals(url.getScheme());
  }

  /**
   * Returns this upstream with another timeout.
   *
   * @param timeout positive
   * @return a copy
   */
  public UpstreamConfig withTimeout(Duration timeout) {
    Copy copy = new Copy(this);
    copy.timeout = timeout;
    return copy.build();
  }

  /**
   * Returns this upstream with OAuth client credentials.
   *
   * @param oauth the credentials
   * @return a copy
   */
  public UpstreamConfig withOAuth(UpstreamOAuth oauth) {
    Copy copy = new Copy(this);
    copy.oauth = requireNonNull(oauth, "oauth");
    return copy.build();
  }

  /**
   * Returns this stdio upstream with environment variables for its process.
   *
   * @param environment the variables, added to the gateway's own
   * @return a copy
   */
  public UpstreamConfig withEnvironment(Map<String, String> environment) {
    Copy copy = new Copy(this);
    copy.environment = environment;
    return copy.build();
  }

  /**
   * Returns this stdio upstream with a working directory for its process.
   *
   * @param directory the directory
   * @return a copy
   */
  public UpstreamConfig withDirectory(Path directory) {
    Copy copy = new Copy(this);
    copy.directory = directory;
    return copy.build();
  }

  /**
   * Returns this stdio upstream with another restart backoff.
   *
   * @param restart the backoff
   * @return a copy
   */
  public UpstreamConfig withRestart(Restart restart) {
    Copy copy = new Copy(this);
    copy.restart = restart;
    return copy.build();
  }

  /**
   * Returns a copy that speaks the given protocol generation to this HTTP upstream.
   *
   * @param protocol {@link Protocol#AUTO} (probe), {@link Protocol#SESSIONS} or {@link
   *     Protocol#STATELESS}
   * @return the copy
   * @throws IllegalArgumentException if this is a stdio upstream and the protocol is not AUTO
   */
  public UpstreamConfig withProtocol(Protocol protocol) {
    Copy copy = new Copy(this);
    copy.protocol = protocol;
    return copy.build();
  }

  /**
   * Returns a copy that takes messages up to this size from the upstream.
   *
   * @param maxMessageBytes at least {@value #MIN_MAX_MESSAGE_BYTES}
   * @return the copy
   */
  public UpstreamConfig withMaxMessageBytes(int maxMessageBytes) {
    Copy copy = new Copy(this);
    copy.maxMessageBytes = maxMessageBytes;
    return copy.build();
  }

  /**
   * Tells whether this upstream is a child process speaking stdio.
   *
   * @return {@code true} for a command
   */
  public boolean isStdio() {
    return url == null;
  }

  /** The fields of a copy being made by a {@code with...} method, changed one at a time. */
  private static final class Copy {
    private final String name;
    private final @Nullable URI url;
    private final List<String> command;
    private Duration timeout;
    private final Map<String, String> headers;
    private @Nullable UpstreamOAuth oauth;
    private Map<String, String> environment;
    private @Nullable Path directory;
    private Restart restart;
    private Protocol protocol;
    private int maxMessageBytes;

    Copy(UpstreamConfig of) {
      name = of.name;
      url = of.url;
      command = of.command;
      timeout = of.timeout;
      headers = of.headers;
      oauth = of.oauth;
      environment = of.environment;
      directory = of.directory;
      restart = of.restart;
      protocol = of.protocol;
      maxMessageBytes = of.maxMessageBytes;
    }

    UpstreamConfig build() {
      return new UpstreamConfig(
          name,
          url,
          command,
          timeout,
          headers,
          oauth,
          environment,
          directory,
          restart,
          protocol,
          maxMessageBytes);
    }
  }

  @Override
  public String toString() {
    // Never print the headers' or the environment's values: they carry credentials.
    return "UpstreamConfig[name="
        + name
        + (url != null
            ? ", url=" + url + ", protocol=" + protocol
            : ", command="
                + command
                + ", environment="
                + environment.keySet()
                + (directory != null ? ", directory=" + directory : "")
                + ", restart="
                + restart)
        + ", timeout="
        + timeout
        + (maxMessageBytes != DEFAULT_MAX_MESSAGE_BYTES
            ? ", maxMessageBytes=" + maxMessageBytes
            : "")
        + ", headers="
        + headers.keySet()
        + (oauth != null ? ", " + oauth : "")
        + "]";
  }
}
