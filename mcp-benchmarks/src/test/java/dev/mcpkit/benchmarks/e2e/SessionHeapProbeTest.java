package dev.mcpkit.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionHeapProbeTest {
  @Test
  void opensTheSessionsThroughTheEngineAndKeepsThemLive() {
    SessionHeapProbe.Result result = SessionHeapProbe.measure(2_000);

    assertThat(result.sessions()).isEqualTo(2_000);
    assertThat(result.live()).isEqualTo(2_000);
  }
}
