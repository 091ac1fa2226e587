package dev.mcpkit.gateway.internal;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A glob over names: {@code *} matches any run of characters, {@code ?} one character, everything
 * else itself. Immutable and thread-safe.
 */
record Glob(String text, Pattern pattern) {

  static Glob of(String glob) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' || c == '?') {
        if (!literal.isEmpty()) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (!literal.isEmpty()) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return new Glob(glob, Pattern.compile(regex.toString(), Pattern.DOTALL));
  }

  static List<Glob> all(List<String> globs) {
    return globs.stream().map(Glob::of).toList();
  }

  boolean matches(String name) {
    return pattern.matcher(name).matches();
  }

  static boolean any(List<Glob> globs, String name) {
    for (Glob glob : globs) {
      if (glob.matches(name)) {
        return true;
      }
    }
    return false;
  }
}
