package dev.mcpkit.transport.jetty.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecentEventIdsTest {

  @Test
  void aReplayOfRecentIdsIsRecognized() {
    RecentEventIds ids = new RecentEventIds(8);
    assertThat(ids.add("a")).isTrue();
    assertThat(ids.add("b")).isTrue();
    assertThat(ids.add("a")).isFalse();
    assertThat(ids.add("b")).isFalse();
    assertThat(ids.add("c")).isTrue();
  }

  @Test
  void aLongStreamKeepsOnlyTheCapacity() {
    RecentEventIds ids = new RecentEventIds(RecentEventIds.DEFAULT_CAPACITY);
    for (int i = 0; i < 1_000_000; i++) {
      assertThat(ids.add("stream-1_" + i)).isTrue();
    }
    assertThat(ids.size()).isEqualTo(RecentEventIds.DEFAULT_CAPACITY);
    // A server replaying the last events before a break: all of them are dropped.
    for (int i = 1_000_000 - RecentEventIds.DEFAULT_CAPACITY; i < 1_000_000; i++) {
      assertThat(ids.add("stream-1_" + i)).as("replayed id %d", i).isFalse();
    }
    assertThat(ids.size()).isEqualTo(RecentEventIds.DEFAULT_CAPACITY);
  }

  @Test
  void theEldestIdIsForgottenFirst() {
    RecentEventIds ids = new RecentEventIds(3);
    ids.add("1");
    ids.add("2");
    ids.add("3");
    assertThat(ids.add("1")).isFalse(); // a duplicate does not refresh its place
    ids.add("4"); // evicts "1", the id seen longest ago
    assertThat(ids.size()).isEqualTo(3);
    assertThat(ids.add("2")).isFalse();
    assertThat(ids.add("1")).isTrue(); // opaque ids: one older than the window counts as new
  }

  @Test
  void capacityMustBePositive() {
    assertThatThrownBy(() -> new RecentEventIds(0)).hasMessageContaining("capacity");
  }
}
