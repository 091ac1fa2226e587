package dev.mcpkit.transport.jetty.internal;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Checks of the {@code Accept} and {@code Content-Type} headers. Stateless. */
final class MediaTypes {
  static final String APPLICATION_JSON = "application/json";
  static final String TEXT_EVENT_STREAM = "text/event-stream";

  private MediaTypes() {}

  /** Tells whether an {@code Accept} list (already split at commas) admits a media type. */
  static boolean accepts(List<String> acceptList, String mediaType) {
    int slash = mediaType.indexOf('/');
    String typeWildcard = mediaType.substring(0, slash) + "/*";
    for (String entry : acceptList) {
      String range = baseType(entry);
      if (range.equals(mediaType) || range.equals(typeWildcard) || range.equals("*/*")) {
        return true;
      }
    }
    return false;
  }

  /** Tells whether a {@code Content-Type} is JSON (parameters such as {@code charset} allowed). */
  static boolean isJson(@Nullable String contentType) {
    return contentType != null && baseType(contentType).equals(APPLICATION_JSON);
  }

  private static String baseType(String value) {
    int semicolon = value.indexOf(';');
    String base = semicolon < 0 ? value : value.substring(0, semicolon);
    return base.trim().toLowerCase(Locale.ROOT);
  }
}
