package dev.mcpkit.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class StoredEventTest {
  private static final EventId ID = new EventId(StreamId.STANDALONE, 1);

  @Test
  void holdsIdAndData() {
    StoredEvent event = new StoredEvent(ID, "{\"jsonrpc\":\"2.0\",\"method\":\"ping\"}");
    assertThat(event.id()).isEqualTo(ID);
    assertThat(event.data()).startsWith("{");
  }

  @Test
  void allowsEmptyDataForPrimingEvents() {
    assertThat(new StoredEvent(ID, "").data()).isEmpty();
  }

  @Test
  void rejectsNulls() {
    assertThatNullPointerException().isThrownBy(() -> new StoredEvent(null, "x")).withMessage("id");
    assertThatNullPointerException()
        .isThrownBy(() -> new StoredEvent(ID, null))
        .withMessage("data");
  }
}
