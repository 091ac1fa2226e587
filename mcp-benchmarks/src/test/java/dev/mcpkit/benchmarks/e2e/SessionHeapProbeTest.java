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

  @Test
  void churnCyclesCloseTheirSessionsAndAllocateSomething() {
    // Each cycle parses three bodies and creates a session: never zero bytes, and never a leak of
    // sessions (the manager admits only 1,000, so 2 x 600 cycles without DELETE would be refused).
    assertThat(SessionHeapProbe.allocatedPerChurnCycle(600)).isPositive();
  }
}
