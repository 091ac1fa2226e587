package dev.mcpkit.gateway;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One server behind the gateway: a Streamable HTTP endpoint, or (later) a command speaking stdio.
 *
 * @param name the upstream's name: letters, digits, {@code _} and {@code -}; prefixes its names
 *     when the gateway has several upstreams
 * @param url the MCP endpoint ({@code http} or {@code https}), or {@code null} for a stdio upstream
 * @param command the command and its arguments of a stdio upstream; empty for an HTTP upstream
 * @param timeout how long a request to this upstream may take before its caller gets an error
 * @param headers HTTP headers sent with every request to this upstream (its own credentials, for
 *     example); never logged
 * @param oauth the gateway's OAuth client credentials at this upstream (HTTP only), or {@code null}
 */
public record UpstreamConfig(
    String name,
    @Nullable URI url,
    List<String> command,
    Duration timeout,
    Map<String, String> headers,
    @Nullable UpstreamOAuth oauth) {

  /** The timeout of an upstream that names none. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  /** Validates the fields, naming the upstream and the offending field. */
  public UpstreamConfig {
    requireNonNull(name, "name");
    if (!name.matches("[A-Za-z0-9_-]{1,32}")) {
      throw new IllegalArgumentException(
          "upstream name '" + name + "' must be 1-32 letters, digits, '_' or '-'");
    }
    command = List.copyOf(requireNonNull(command, "command"));
    headers = Map.copyOf(requireNonNull(headers, "headers"));
    requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("upstream " + name + ": timeout must be positive");
    }
    if ((url == null) == command.isEmpty()) {
      throw new IllegalArgumentException(
          "upstream " + name + ": give exactly one of url and command");
    }
    if (url != null && !"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw new IllegalArgumentException(
          "upstream " + name + ": url must be http or https: " + url);
    }
    if (oauth != null
        && (url == null || headers.keySet().stream().anyMatch("Authorization"::equalsIgnoreCase))) {
      throw new IllegalArgumentException(
          "upstream " + name + ": oauth needs a url and no Authorization header");
    }
  }

  /**
   * An upstream without OAuth.
   *
   * @param name the upstream's name
   * @param url the MCP endpoint, or {@code null} for a stdio upstream
   * @param command the command of a stdio upstream; empty for an HTTP upstream
   * @param timeout how long a request may take
   * @param headers HTTP headers sent with every request to this upstream
   */
  public UpstreamConfig(
      String name,
      @Nullable URI url,
      List<String> command,
      Duration timeout,
      Map<String, String> headers) {
    this(name, url, command, timeout, headers, null);
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
   * Returns this upstream with another timeout.
   *
   * @param timeout positive
   * @return a copy
   */
  public UpstreamConfig withTimeout(Duration timeout) {
    return new UpstreamConfig(name, url, command, timeout, headers, oauth);
  }

  /**
   * Returns this upstream with OAuth client credentials.
   *
   * @param oauth the credentials
   * @return a copy
   */
  public UpstreamConfig withOAuth(UpstreamOAuth oauth) {
    return new UpstreamConfig(name, url, command, timeout, headers, requireNonNull(oauth, "oauth"));
  }

  /**
   * Tells whether this upstream is a child process speaking stdio.
   *
   * @return {@code true} for a command
   */
  public boolean isStdio() {
    return url == null;
  }

  @Override
  public String toString() {
    // Never print the headers' values: they carry credentials.
    return "UpstreamConfig[name="
        + name
        + (url != null ? ", url=" + url : ", command=" + command)
        + ", timeout="
        + timeout
        + ", headers="
        + headers.keySet()
        + (oauth != null ? ", " + oauth : "")
        + "]";
  }
}
