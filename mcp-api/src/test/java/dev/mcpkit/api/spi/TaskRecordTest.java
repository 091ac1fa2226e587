package dev.mcpkit.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class TaskRecordTest {
  private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
  private static final JsonNode RESULT = JsonMapper.builder().build().createObjectNode();
  private static final TaskRecord WORKING =
      TaskRecord.working("t", null, "n", T0, Duration.ofMinutes(1), Duration.ofMillis(500));

  @Test
  void aLiveTaskNeverExpiresAndAnEndedOneAfterItsTtl() {
    assertThat(WORKING.expiresAt()).isNull();
    TaskRecord ended = WORKING.end(TaskStatus.COMPLETED, RESULT, null, null, T0.plusSeconds(5));
    assertThat(ended.expiresAt()).isEqualTo(T0.plusSeconds(65));
  }

  @Test
  void theFirstTerminalStatusIsFinal() {
    TaskRecord cancelled = WORKING.end(TaskStatus.CANCELLED, null, null, null, T0);
    assertThat(cancelled.end(TaskStatus.COMPLETED, RESULT, null, null, T0)).isSameAs(cancelled);
    assertThat(cancelled.withInput(Map.of("k", RESULT), Map.of(), T0)).isSameAs(cancelled);
  }

  @Test
  void pendingInputMeansInputRequired() {
    TaskRecord asking = WORKING.withInput(Map.of("k", RESULT), Map.of(), T0);
    assertThat(asking.status()).isEqualTo(TaskStatus.INPUT_REQUIRED);
    TaskRecord answered = asking.withInput(Map.of(), Map.of("k", RESULT), T0);
    assertThat(answered.status()).isEqualTo(TaskStatus.WORKING);
    assertThat(answered.inputResponses()).containsKey("k");
  }

  @Test
  void aResultExistsExactlyWhenCompleted() {
    assertThatThrownBy(() -> WORKING.end(TaskStatus.COMPLETED, null, null, null, T0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WORKING.end(TaskStatus.FAILED, RESULT, null, null, T0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WORKING.end(TaskStatus.WORKING, null, null, null, T0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
