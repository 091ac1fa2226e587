package dev.mcpkit.transport.jetty.internal;

import org.eclipse.jetty.http.HttpVersion;
import org.jspecify.annotations.Nullable;

/** HTTP versions as the OpenTelemetry conventions write {@code network.protocol.version}. */
public final class HttpVersions {
  private HttpVersions() {}

  /**
   * Returns the version's wire form for observers.
   *
   * @param version Jetty's version, or {@code null}
   * @return {@code "1.1"}, {@code "2"} ..., or {@code null} for {@code null}
   */
  public static @Nullable String of(@Nullable HttpVersion version) {
    if (version == null) {
      return null;
    }
    return switch (version) {
      case HTTP_0_9 -> "0.9";
      case HTTP_1_0 -> "1.0";
      case HTTP_1_1 -> "1.1";
      case HTTP_2 -> "2";
      case HTTP_3 -> "3";
    };
  }
}
