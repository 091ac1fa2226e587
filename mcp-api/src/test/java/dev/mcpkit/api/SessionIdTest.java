package dev.mcpkit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionIdTest {

  @Test
  void acceptsVisibleAsciiUpToTheMaximumLength() {
    String allVisible =
        IntStream.rangeClosed(0x21, 0x7E)
            .mapToObj(c -> String.valueOf((char) c))
            .reduce("", String::concat);
    assertThat(SessionId.of(allVisible).value()).isEqualTo(allVisible);
    assertThat(SessionId.of("a".repeat(SessionId.MAX_LENGTH)).toString()).hasSize(128);
    assertThat(SessionId.isValid("abc-DEF_123")).isTrue();
    assertThat(SessionId.of("x")).isEqualTo(SessionId.of(new String("x")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "has space", "tab\t", "new\nline", "del\u007F", "caf\u00e9", "\u0000"})
  void rejectsEmptyAndNonVisibleCharacters(String bad) {
    assertThat(SessionId.isValid(bad)).isFalse();
    assertThatThrownBy(() -> SessionId.of(bad)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsTooLongAndNull() {
    String tooLong = "a".repeat(SessionId.MAX_LENGTH + 1);
    assertThat(SessionId.isValid(tooLong)).isFalse();
    assertThat(SessionId.isValid(null)).isFalse();
    assertThatThrownBy(() -> SessionId.of(tooLong))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("129");
    assertThatThrownBy(() -> SessionId.of(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void randomBitsRoundTripThroughTheirTextAsStandardBase64() {
    SplittableRandom random = new SplittableRandom(20);
    for (int i = 0; i < 10_000; i++) {
      long high = i == 0 ? 0 : i == 1 ? -1 : random.nextLong();
      long low = i == 0 ? 0 : i == 1 ? -1 : random.nextLong();
      SessionId id = SessionId.ofRandomBits(high, low);
      String text = id.value();
      byte[] bytes = ByteBuffer.allocate(16).putLong(high).putLong(low).array();
      assertThat(text)
          .hasSize(SessionId.RANDOM_ID_LENGTH)
          .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
      SessionId parsed = SessionId.of(text);
      assertThat(parsed).isEqualTo(id).hasSameHashCodeAs(id);
      assertThat(parsed.toString()).isEqualTo(text);
      assertThat(SessionId.isValid(text)).isTrue();
    }
  }

  @Test
  void aNonCanonicalTextOfTheSameLengthIsKeptAsGivenAndEqualsOnlyItself() {
    String canonical = SessionId.ofRandomBits(0x0123456789abcdefL, 0xfedcba9876543210L).value();
    // The last character carries two bits; any of its four low bits set is not canonical.
    String lastCharOff = canonical.substring(0, 21) + "B";
    String outsideAlphabet = canonical.substring(0, 21).replace(canonical.charAt(3), '.') + "A";
    for (String text : new String[] {lastCharOff, outsideAlphabet, "a".repeat(23), "abc"}) {
      SessionId id = SessionId.of(text);
      assertThat(id.value()).isEqualTo(text);
      assertThat(id)
          .isEqualTo(SessionId.of(new String(text)))
          .isNotEqualTo(SessionId.of(canonical));
      assertThat(id.hashCode()).isEqualTo(SessionId.of(new String(text)).hashCode());
    }
  }

  @Test
  void hashesAreSpreadOverEveryBit() {
    // Sequential texts and sequential bits both reach the high and the low bits of the hash.
    int orHigh = 0;
    int orLow = 0;
    for (int i = 0; i < 64; i++) {
      orHigh |= SessionId.of("s" + i).hashCode() >>> 16;
      orLow |= SessionId.ofRandomBits(0, i).hashCode() & 0xFFFF;
      orHigh |= SessionId.ofRandomBits(0, i).hashCode() >>> 16;
    }
    assertThat(orHigh).isEqualTo(0xFFFF);
    assertThat(orLow).isEqualTo(0xFFFF);
  }
}
