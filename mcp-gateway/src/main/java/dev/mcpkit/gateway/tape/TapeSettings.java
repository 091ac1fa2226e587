package dev.mcpkit.gateway.tape;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the gateway records tapes: one JSON Lines file per client session in {@code directory}, each
 * bounded in size and time, all of them together bounded in size, written by one thread behind a
 * bounded queue (a full queue drops the message and counts it; the request never waits on disk).
 *
 * <p>Always redacted: the HTTP headers {@code Authorization}, {@code Proxy-Authorization}, {@code
 * Cookie} and {@code X-Api-Key} (recorded as {@code "[REDACTED]"}), any JSON member named like a
 * credential ({@link #SECRET_MEMBERS}, at any depth), and a string value that starts with {@code
 * Bearer }. On top: {@code redactHeaders} (more header names, recorded redacted) and {@code
 * redactPaths}, dot-separated paths into each JSON-RPC message where {@code *} matches any member
 * or array element, e.g. {@code params.arguments.password} or {@code result.content.*.text}.
 *
 * {@snippet :
 * McpGateway gateway = McpGateway.builder()
 *     .upstream(UpstreamConfig.http("docs", URI.create("http://127.0.0.1:8081/mcp")))
 *     .tapes(TapeSettings.of(Path.of("tapes")).withRedactPaths(List.of("params.arguments.ssn")))
 *     .build();
 * }
 *
 * @param directory where the tapes go; created if missing
 * @param maxBytesPerTape a tape ends ({@code maxBytesPerTape}) once it holds this many bytes
 * @param maxDurationPerTape a tape ends ({@code maxDurationPerTape}) once its session is this old
 * @param maxTotalBytes recording stops once this process wrote this many bytes of tapes
 * @param queueCapacity messages waiting for the writer, at most; more are dropped and counted
 * @param redactHeaders more HTTP header names to record as {@code "[REDACTED]"}, case-insensitive
 * @param redactPaths JSON paths into each message whose values are recorded as {@code "[REDACTED]"}
 */
public record TapeSettings(
    Path directory,
    long maxBytesPerTape,
    Duration maxDurationPerTape,
    long maxTotalBytes,
    int queueCapacity,
    Set<String> redactHeaders,
    List<String> redactPaths) {

  /** 8 MiB per tape by default. */
  public static final long DEFAULT_MAX_BYTES_PER_TAPE = 8L << 20;

  /** One hour per tape by default. */
  public static final Duration DEFAULT_MAX_DURATION_PER_TAPE = Duration.ofHours(1);

  /** 1 GiB of tapes per process by default. */
  public static final long DEFAULT_MAX_TOTAL_BYTES = 1L << 30;

  /** 10,000 messages waiting for the writer by default. */
  public static final int DEFAULT_QUEUE_CAPACITY = 10_000;

  /** Member names whose values are always redacted, compared case-insensitively. */
  public static final Set<String> SECRET_MEMBERS =
      Set.of(
          "authorization",
          "password",
          "secret",
          "client_secret",
          "access_token",
          "refresh_token",
          "id_token",
          "api_key",
          "apikey",
          "token");

  /** Validates the bounds and copies the collections (header names in lower case). */
  public TapeSettings {
    requireNonNull(directory, "directory");
    requireNonNull(maxDurationPerTape, "maxDurationPerTape");
    if (maxBytesPerTape <= 0) {
      throw new IllegalArgumentException(
          "maxBytesPerTape must be positive, was " + maxBytesPerTape);
    }
    if (maxDurationPerTape.isNegative() || maxDurationPerTape.isZero()) {
      throw new IllegalArgumentException(
          "maxDurationPerTape must be positive, was " + maxDurationPerTape);
    }
    if (maxTotalBytes <= 0) {
      throw new IllegalArgumentException("maxTotalBytes must be positive, was " + maxTotalBytes);
    }
    if (queueCapacity <= 0) {
      throw new IllegalArgumentException("queueCapacity must be positive, was " + queueCapacity);
    }
    TreeSet<String> headers = new TreeSet<>();
    for (String header : requireNonNull(redactHeaders, "redactHeaders")) {
      headers.add(requireNonNull(header, "redactHeaders element").toLowerCase(Locale.ROOT));
    }
    redactHeaders = Set.copyOf(headers);
    redactPaths = List.copyOf(requireNonNull(redactPaths, "redactPaths"));
    for (String path : redactPaths) {
      if (path.isBlank() || path.startsWith(".") || path.endsWith(".") || path.contains("..")) {
        throw new IllegalArgumentException(
            "redactPaths: '"
                + path
                + "' must be dot-separated names or *, e.g. params.arguments.key");
      }
    }
  }

  /**
   * Settings with the defaults: 8 MiB and one hour per tape, 1 GiB in all, a queue of 10,000.
   *
   * @param directory where the tapes go
   * @return the settings
   */
  public static TapeSettings of(Path directory) {
    return new TapeSettings(
        directory,
        DEFAULT_MAX_BYTES_PER_TAPE,
        DEFAULT_MAX_DURATION_PER_TAPE,
        DEFAULT_MAX_TOTAL_BYTES,
        DEFAULT_QUEUE_CAPACITY,
        Set.of(),
        List.of());
  }

  /**
   * Returns these settings with other size bounds.
   *
   * @param perTape bytes per tape, positive
   * @param total bytes of all tapes of this process, positive
   * @return a copy
   */
  public TapeSettings withMaxBytes(long perTape, long total) {
    return new TapeSettings(
        directory, perTape, maxDurationPerTape, total, queueCapacity, redactHeaders, redactPaths);
  }

  /**
   * Returns these settings with another time bound per tape.
   *
   * @param perTape positive
   * @return a copy
   */
  public TapeSettings withMaxDuration(Duration perTape) {
    return new TapeSettings(
        directory,
        maxBytesPerTape,
        perTape,
        maxTotalBytes,
        queueCapacity,
        redactHeaders,
        redactPaths);
  }

  /**
   * Returns these settings with another queue capacity.
   *
   * @param capacity positive
   * @return a copy
   */
  public TapeSettings withQueueCapacity(int capacity) {
    return new TapeSettings(
        directory,
        maxBytesPerTape,
        maxDurationPerTape,
        maxTotalBytes,
        capacity,
        redactHeaders,
        redactPaths);
  }

  /**
   * Returns these settings with more headers to redact.
   *
   * @param headers header names
   * @return a copy
   */
  public TapeSettings withRedactHeaders(Set<String> headers) {
    return new TapeSettings(
        directory,
        maxBytesPerTape,
        maxDurationPerTape,
        maxTotalBytes,
        queueCapacity,
        headers,
        redactPaths);
  }

  /**
   * Returns these settings with JSON paths to redact.
   *
   * @param paths dot-separated paths, {@code *} for any member or element
   * @return a copy
   */
  public TapeSettings withRedactPaths(List<String> paths) {
    return new TapeSettings(
        directory,
        maxBytesPerTape,
        maxDurationPerTape,
        maxTotalBytes,
        queueCapacity,
        redactHeaders,
        paths);
  }
}
