package dev.mcpkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The overhead benchmark really runs the instrumentation it claims to measure. */
class ObserverCostBenchmarkTest {

  @ParameterizedTest
  @ValueSource(strings = {"off", "metrics", "traced"})
  void oneCallRunsTheObserversOfItsMode(String instrumentation) {
    ObserverCostBenchmark benchmark = new ObserverCostBenchmark();
    benchmark.instrumentation = instrumentation;
    benchmark.setUp();
    try {
      @SuppressWarnings("unchecked")
      Map<String, String> meta = (Map<String, String>) benchmark.oneCall();
      // Only tracing writes into params._meta: a W3C traceparent for the server to continue.
      if (instrumentation.equals("traced")) {
        assertThat(meta).containsKey("traceparent");
        assertThat(meta.get("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
      } else {
        assertThat(meta).isEmpty();
      }
    } finally {
      benchmark.tearDown();
    }
  }
}
