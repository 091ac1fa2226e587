package dev.mcpkit.session.internal.protocol;

import dev.mcpkit.api.server.ResourceTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Matches URIs against one RFC 6570 level-1 template ({@code {var}} expressions, each matching one
 * or more characters other than {@code / ? #}). The pattern is compiled once, at engine creation;
 * {@code resources/read} is not the request hot path. Immutable and thread-safe.
 */
final class UriTemplateMatcher {
  private final ResourceTemplate template;
  private final Pattern pattern;
  private final List<String> variables;

  UriTemplateMatcher(ResourceTemplate template) {
    this.template = template;
    String source = template.uriTemplate();
    StringBuilder regex = new StringBuilder();
    List<String> names = new ArrayList<>();
    int i = 0;
    while (i < source.length()) {
      int open = source.indexOf('{', i);
      if (open < 0) {
        regex.append(Pattern.quote(source.substring(i)));
        break;
      }
      if (open > i) {
        regex.append(Pattern.quote(source.substring(i, open)));
      }
      int close = source.indexOf('}', open);
      names.add(source.substring(open + 1, close));
      regex.append("([^/?#]+)");
      i = close + 1;
    }
    this.pattern = Pattern.compile(regex.toString());
    this.variables = List.copyOf(names);
  }

  ResourceTemplate template() {
    return template;
  }

  /** Returns the variables a URI binds, or {@code null} if it does not match. */
  @Nullable Map<String, String> match(String uri) {
    Matcher matcher = pattern.matcher(uri);
    if (!matcher.matches()) {
      return null;
    }
    Map<String, String> bound = new LinkedHashMap<>();
    for (int g = 0; g < variables.size(); g++) {
      bound.put(variables.get(g), matcher.group(g + 1));
    }
    return bound;
  }
}
