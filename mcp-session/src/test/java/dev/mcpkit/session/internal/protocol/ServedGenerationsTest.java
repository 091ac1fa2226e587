package dev.mcpkit.session.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.jsonrpc.JsonRpcError;
import org.junit.jupiter.api.Test;

/** What an engine that serves one generation lists, and refuses with. */
class ServedGenerationsTest {

  @Test
  void listsOnlyTheVersionsServedNewestFirst() {
    assertThat(ServedGenerations.BOTH.wireNames())
        .containsExactly("2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26");
    assertThat(new ServedGenerations(false, true).wireNames()).containsExactly("2026-07-28");
    assertThat(new ServedGenerations(true, false).wireNames())
        .containsExactly("2025-11-25", "2025-06-18", "2025-03-26");
  }

  @Test
  void refusesWithUnsupportedProtocolVersion() {
    JsonRpcError error = new ServedGenerations(false, true).unsupported("2025-06-18");
    assertThat(error.code()).isEqualTo(-32022);
    assertThat(error.data()).isNotNull();
    assertThat(error.data().path("supported").toString()).isEqualTo("[\"2026-07-28\"]");
    assertThat(error.data().path("requested").asString()).isEqualTo("2025-06-18");
  }

  @Test
  void servesAtLeastOneGeneration() {
    assertThatThrownBy(() -> new ServedGenerations(false, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one");
  }
}
