package dev.mcpkit.api;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A session id of 128 bits, held as two {@code long}s: 32 bytes with its cached hash (the object
 * header, 16 bytes of bits, 4 of hash, 4 of padding). Its text is the bits' URL-safe Base64 without
 * padding, the 16 bytes big-endian: the 126 first bits in 21 characters of six bits each, and the
 * last two bits in the high bits of the 22nd, whose four low bits are zero. So that two texts never
 * stand for one id, {@link #parse} accepts only that canonical text; {@code SessionId.of} keeps
 * anything else as a {@link TextSessionId}.
 *
 * <p>Immutable; all fields final, so safe to read through a racy reference (the session table reads
 * ids inside optimistic, unlocked sections).
 */
final class RandomSessionId extends SessionId {
  /** Characters of the text: ceil(128 / 6). */
  static final int LENGTH = 22;

  private static final byte[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
          .getBytes(StandardCharsets.US_ASCII);

  /** Six-bit value of each ASCII character, or -1. */
  private static final byte[] DIGITS = new byte[128];

  static {
    java.util.Arrays.fill(DIGITS, (byte) -1);
    for (int i = 0; i < ALPHABET.length; i++) {
      DIGITS[ALPHABET[i]] = (byte) i;
    }
  }

  private final long high;
  private final long low;
  private final int hash;

  RandomSessionId(long high, long low) {
    this.high = high;
    this.low = low;
    this.hash = mix((int) (high ^ (high >>> 32) ^ low ^ (low >>> 32)));
  }

  /**
   * The id of a canonical 22-character text, or {@code null} if {@code text} is not one.
   *
   * @param text a text of {@link #LENGTH} characters
   */
  static @Nullable RandomSessionId parse(String text) {
    long high = 0;
    long low = 0;
    for (int i = 0; i < LENGTH - 1; i++) {
      int digit = digit(text.charAt(i));
      if (digit < 0) {
        return null;
      }
      // Shift the 128-bit value (high, low) left by six and add the digit.
      high = (high << 6) | (low >>> 58);
      low = (low << 6) | digit;
    }
    int last = digit(text.charAt(LENGTH - 1));
    if (last < 0 || (last & 0xF) != 0) {
      return null;
    }
    high = (high << 2) | (low >>> 62);
    low = (low << 2) | (last >>> 4);
    return new RandomSessionId(high, low);
  }

  private static int digit(char c) {
    return c < 128 ? DIGITS[c] : -1;
  }

  @Override
  public String value() {
    byte[] text = new byte[LENGTH];
    // Character i holds bits [122 - 6i, 127 - 6i] of the 128-bit value, counted from its low end.
    for (int i = 0; i < LENGTH - 1; i++) {
      int shift = 122 - 6 * i;
      int digit;
      if (shift >= 64) {
        digit = (int) (high >>> (shift - 64)) & 0x3F;
      } else if (shift <= 58) {
        digit = (int) (low >>> shift) & 0x3F;
      } else {
        digit = (int) ((high << (64 - shift)) | (low >>> shift)) & 0x3F;
      }
      text[i] = ALPHABET[digit];
    }
    text[LENGTH - 1] = ALPHABET[((int) low & 0x3) << 4];
    return new String(text, StandardCharsets.ISO_8859_1);
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof RandomSessionId that && high == that.high && low == that.low;
  }

  @Override
  public int hashCode() {
    return hash;
  }
}
