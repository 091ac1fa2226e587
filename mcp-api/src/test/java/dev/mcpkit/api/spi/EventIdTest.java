package dev.mcpkit.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EventIdTest {

  @Test
  void rendersStreamSeparatorAndDecimalSequence() {
    EventId id = new EventId(StreamId.of("p7"), 1031);
    assertThat(id.value()).isEqualTo("p7:1031");
    assertThat(id).hasToString("p7:1031");
  }

  @ParameterizedTest
  @ValueSource(strings = {"get:0", "get:1", "p7:1031", "a-b.c:42", "~:9223372036854775807"})
  void parsesWhatItRenders(String wire) {
    EventId id = EventId.parse(wire).orElseThrow();
    assertThat(id.value()).isEqualTo(wire);
    assertThat(EventId.parse(id.value())).contains(id);
  }

  @Test
  void parseFindsTheStream() {
    assertThat(EventId.parse("p7:12")).contains(new EventId(StreamId.of("p7"), 12));
  }

  @Test
  void maximalIdRoundTrips() {
    EventId id = new EventId(StreamId.of("s".repeat(StreamId.MAX_LENGTH)), Long.MAX_VALUE);
    assertThat(id.value()).hasSize(EventId.MAX_LENGTH);
    assertThat(EventId.parse(id.value())).contains(id);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "42", // no stream
        ":42", // empty stream
        "get:", // no sequence
        "get", // no separator
        "get:-1", // sign
        "get:+1", // sign
        "get:007", // leading zeros
        "get:00", // leading zeros
        "get:1a", // not decimal
        "get:0x1F", // not decimal
        "get:1:2", // second separator
        "a:b:3", // second separator
        "g et:1", // space in stream
        "get:1 ", // trailing space
        "caf\u00e9:1", // non-ASCII
        "get:9223372036854775808", // Long.MAX_VALUE + 1
        "get:99999999999999999999", // 20 digits
        "1868a90c-2f0e-4b7e-9d1a-3c5e", // a UUID-like foreign id
        "0_1732559000000_abc" // another SDK's format
      })
  void parseRejectsForeignAndGarbledIdsWithoutThrowing(String wire) {
    assertThat(EventId.parse(wire)).isEmpty();
  }

  @Test
  void parseRejectsOverlongInputBeforeScanningIt() {
    assertThat(EventId.parse("s".repeat(10_000) + ":1")).isEmpty();
    assertThat(EventId.parse("s:" + "1".repeat(EventId.MAX_LENGTH))).isEmpty();
  }

  @Test
  void rejectsNegativeSequenceAndNullStream() {
    assertThatThrownBy(() -> new EventId(StreamId.of("get"), -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sequence")
        .hasMessageContaining("-1");
    assertThatNullPointerException().isThrownBy(() -> new EventId(null, 1)).withMessage("stream");
  }
}
