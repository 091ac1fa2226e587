package dev.mcpkit.benchmarks.e2e;

import org.jspecify.annotations.Nullable;

/**
 * One HTTP answer as the load generator reads it, whichever client received it: the status, the two
 * headers it looks at, and the whole body (a JSON document, or an SSE stream whose {@code data:}
 * lines hold one).
 *
 * @param status the HTTP status code
 * @param sessionId the {@code Mcp-Session-Id} header, or {@code null}
 * @param mediaType the {@code Content-Type} without parameters, or {@code null}
 * @param body the body as text (UTF-8), empty when there was none
 */
record Answer(int status, @Nullable String sessionId, @Nullable String mediaType, String body) {
  /**
   * The media type of a {@code Content-Type} value: parameters dropped, lower case; null stays
   * null.
   */
  static @Nullable String mediaTypeOf(@Nullable String contentType) {
    if (contentType == null) {
      return null;
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
        .strip()
        .toLowerCase(java.util.Locale.ROOT);
  }

  /** Whether the body is a server-sent event stream. */
  boolean isEventStream() {
    return mediaType != null && mediaType.startsWith("text/event-stream");
  }
}
