package dev.mcpkit.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamIdTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "get",
        "p1",
        "!",
        "~",
        "a-b_c.d/e",
        "0123456789012345678901234567890123456789012345678901234567890123"
      })
  void acceptsVisibleAsciiWithoutTheSeparator(String value) {
    assertThat(StreamId.of(value).value()).isEqualTo(value);
    assertThat(StreamId.isValid(value)).isTrue();
    assertThat(StreamId.of(value)).hasToString(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a:b", ":", "get:"})
  void rejectsTheSeparator(String value) {
    assertThatThrownBy(() -> StreamId.of(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reserved ':'")
        .hasMessageContaining("at index " + value.indexOf(':'));
    assertThat(StreamId.isValid(value)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a b", "tab\t", "caf\u00e9", "nul\u0000", "del\u007f", "line\n"})
  void rejectsCharactersOutsideVisibleAscii(String value) {
    assertThatThrownBy(() -> StreamId.of(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("visible ASCII");
    assertThat(StreamId.isValid(value)).isFalse();
  }

  @Test
  void rejectsEmptyAndTooLong() {
    assertThatThrownBy(() -> StreamId.of(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 to 64");
    String tooLong = "x".repeat(StreamId.MAX_LENGTH + 1);
    assertThatThrownBy(() -> StreamId.of(tooLong))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was 65");
    assertThat(StreamId.isValid("")).isFalse();
    assertThat(StreamId.isValid(tooLong)).isFalse();
    assertThat(StreamId.isValid(null)).isFalse();
  }

  @Test
  void rejectsNull() {
    assertThatNullPointerException().isThrownBy(() -> StreamId.of(null)).withMessage("value");
  }

  @Test
  void standaloneIsAValidId() {
    assertThat(StreamId.isValid(StreamId.STANDALONE.value())).isTrue();
  }
}
