package dev.mcpkit.codec.internal;

import dev.mcpkit.api.McpMethod;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;

/**
 * The canonical strings of the methods MCP defines, for the {@code method} member of each message
 * read: a known name comes back as the one constant string of its {@link McpMethod}, compared in
 * the parser's own buffer, so no string is made for it and its hash code is already known. Every
 * request's method is then looked up several times on the way (the method catalogue, the task and
 * skill methods, the revision's switches), each time hashing and comparing a fresh string before.
 * An unknown name is read as a new string, as before.
 *
 * <p>Immutable after class initialisation (a fixed open-addressed table, its size a power of two at
 * least four times the names); thread-safe.
 */
final class MethodNames {
  private static final String[] TABLE;
  private static final int MASK;

  static {
    McpMethod[] methods = McpMethod.values();
    int size = Integer.highestOneBit(Math.max(16, methods.length * 4) - 1) << 1;
    String[] table = new String[size];
    for (McpMethod method : methods) {
      String name = method.wireName();
      int slot = name.hashCode() & (size - 1); // computes and caches the string's hash
      while (table[slot] != null) {
        slot = (slot + 1) & (size - 1);
      }
      table[slot] = name;
    }
    TABLE = table;
    MASK = size - 1;
  }

  private MethodNames() {}

  /** The string value the parser stands on: a method's canonical name, or a new string. */
  static String read(JsonParser parser) {
    char[] chars = parser.getStringCharacters();
    int offset = parser.getStringOffset();
    int length = parser.getStringLength();
    String known = find(chars, offset, length);
    return known != null ? known : parser.getString();
  }

  /** The canonical name equal to the characters, or {@code null}. */
  static @Nullable String find(char[] chars, int offset, int length) {
    int hash = 0;
    for (int i = 0; i < length; i++) {
      hash = 31 * hash + chars[offset + i]; // String.hashCode, over the buffer
    }
    for (int slot = hash & MASK; ; slot = (slot + 1) & MASK) {
      String candidate = TABLE[slot];
      if (candidate == null) {
        return null;
      }
      if (candidate.hashCode() == hash && equal(candidate, chars, offset, length)) {
        return candidate;
      }
    }
  }

  private static boolean equal(String name, char[] chars, int offset, int length) {
    if (name.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (name.charAt(i) != chars[offset + i]) {
        return false;
      }
    }
    return true;
  }
}
