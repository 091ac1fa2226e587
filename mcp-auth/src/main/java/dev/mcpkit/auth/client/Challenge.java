package dev.mcpkit.auth.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The first {@code Bearer} or {@code DPoP} challenge of a {@code WWW-Authenticate} answer (RFC 9110
 * section 11.6.1) with its parameters: {@code error}, {@code scope}, {@code resource_metadata} (RFC
 * 9728). Immutable.
 *
 * @param scheme {@code bearer} or {@code dpop}, lower case; empty when there was no such challenge
 * @param params the challenge's parameters, names in lower case
 */
record Challenge(String scheme, Map<String, String> params) {
  private static final Pattern SCHEME = Pattern.compile("(?i)(?:^|,)\\s*(Bearer|DPoP)(?=\\s|,|$)");
  private static final Pattern PARAM =
      Pattern.compile(
          "\\s*([A-Za-z0-9_.-]+)\\s*=\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[^\\s,\"]+)\\s*,?");

  static final Challenge NONE = new Challenge("", Map.of());

  Challenge {
    params = Map.copyOf(params);
  }

  /** Parses the answer's {@code WWW-Authenticate} values. */
  static Challenge parse(List<String> headers) {
    for (String header : headers) {
      Matcher scheme = SCHEME.matcher(header);
      if (!scheme.find()) {
        continue;
      }
      Map<String, String> params = new LinkedHashMap<>();
      Matcher param = PARAM.matcher(header);
      int at = scheme.end();
      while (at < header.length() && param.find(at) && param.start() == at) {
        String value =
            param.group(3) != null ? param.group(3).replaceAll("\\\\(.)", "$1") : param.group(2);
        params.putIfAbsent(param.group(1).toLowerCase(Locale.ROOT), value);
        at = param.end();
      }
      return new Challenge(scheme.group(1).toLowerCase(Locale.ROOT), params);
    }
    return NONE;
  }

  @Nullable String error() {
    return params.get("error");
  }

  @Nullable String scope() {
    String scope = params.get("scope");
    return scope == null || scope.isBlank() ? null : scope;
  }

  @Nullable String resourceMetadata() {
    return params.get("resource_metadata");
  }
}
