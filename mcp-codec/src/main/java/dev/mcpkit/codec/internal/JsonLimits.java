package dev.mcpkit.codec.internal;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;

/**
 * The limits every JSON-RPC body is read under, chosen on purpose rather than left at Jackson's
 * defaults, and the message a client sees when one is exceeded. They bound what one body can make
 * the reader do (and what our own recursive walks over a tree meet), at sizes no real MCP message
 * comes near:
 *
 * <ul>
 *   <li>{@link #MAX_NESTING_DEPTH} levels of arrays and objects (Jackson 3: 500): tool arguments
 *       and schemas nest a handful of levels;
 *   <li>{@link #MAX_NUMBER_LENGTH} characters in one number (Jackson: 1,000): a {@code long} has 19
 *       digits and a {@code double} 17 significant ones; longer numbers only cost parsing time;
 *   <li>{@link #MAX_NAME_LENGTH} characters in one member name (Jackson 3: 50,000);
 *   <li>{@link #MAX_STRING_LENGTH} characters in one string (Jackson 3: 100 million): above any
 *       body the server accepts by default (4 MiB), so a large base64 blob still passes when the
 *       body limit is raised; it bounds what the client reads from a server;
 *   <li>{@link #MAX_TOKEN_COUNT} tokens in one body (Jackson: unlimited), which bounds array sizes
 *       and member counts: a 4 MiB body of one-digit numbers has about two million.
 * </ul>
 *
 * <p>A body over a limit is a parse error ({@code -32700}) whose message names the limit, never
 * Jackson's own text (which names its internals). Stateless and thread-safe.
 */
public final class JsonLimits {
  /** The deepest nesting of arrays and objects. */
  public static final int MAX_NESTING_DEPTH = 128;

  /** The longest number, in characters. */
  public static final int MAX_NUMBER_LENGTH = 100;

  /** The longest member name, in characters. */
  public static final int MAX_NAME_LENGTH = 1_024;

  /** The longest string value, in characters. */
  public static final int MAX_STRING_LENGTH = 32 * 1024 * 1024;

  /** The most tokens in one body. */
  public static final long MAX_TOKEN_COUNT = 1_000_000;

  /** The constraints the shared mapper's factory reads with. */
  static final StreamReadConstraints CONSTRAINTS =
      StreamReadConstraints.builder()
          .maxNestingDepth(MAX_NESTING_DEPTH)
          .maxNumberLength(MAX_NUMBER_LENGTH)
          .maxNameLength(MAX_NAME_LENGTH)
          .maxStringLength(MAX_STRING_LENGTH)
          .maxTokenCount(MAX_TOKEN_COUNT)
          .build();

  private JsonLimits() {}

  /**
   * Returns the exceeded limit in the words a client sees, from Jackson's exception.
   *
   * @param e what the parser threw
   * @return a parse error message naming the limit
   */
  static String describe(StreamConstraintsException e) {
    String text = String.valueOf(e.getOriginalMessage());
    String limit;
    if (text.contains("nesting depth")) {
      limit = "nesting deeper than " + MAX_NESTING_DEPTH + " levels";
    } else if (text.contains("Number value length")) {
      limit = "a number longer than " + MAX_NUMBER_LENGTH + " characters";
    } else if (text.contains("Name length")) {
      limit = "a member name longer than " + MAX_NAME_LENGTH + " characters";
    } else if (text.contains("String value length")) {
      limit = "a string longer than " + MAX_STRING_LENGTH + " characters";
    } else if (text.contains("Token count")) {
      limit = "more than " + MAX_TOKEN_COUNT + " tokens";
    } else {
      limit = "a JSON limit";
    }
    return "Parse error: body exceeds " + limit;
  }

  /**
   * Finds a constraint violation in a parser's exception or its causes.
   *
   * @param e what the parser or databind threw
   * @return the violation, or {@code null} if it is another error
   */
  static @Nullable StreamConstraintsException violation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StreamConstraintsException violation) {
        return violation;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
