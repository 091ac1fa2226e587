package dev.mcpkit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    assertThat(SessionId.of("x")).isEqualTo(new SessionId("x"));
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
    assertThatThrownBy(() -> new SessionId(null)).isInstanceOf(NullPointerException.class);
  }
}
