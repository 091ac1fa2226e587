package dev.mcpkit.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.ClientLimits;
import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.SessionAdmissionException;
import dev.mcpkit.api.SessionInit;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.SessionPolicy;
import dev.mcpkit.session.SessionManagers;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/** Refused admissions and handshake timeouts, by reason, in the session metrics. */
class AdmissionMetricsTest {
  private final InMemoryMetricReader reader = InMemoryMetricReader.create();
  private final AtomicLong millis =
      new AtomicLong(Instant.parse("2026-12-01T00:00:00Z").toEpochMilli());
  private final InstantSource clock =
      new InstantSource() {
        @Override
        public Instant instant() {
          return Instant.ofEpochMilli(millis.get());
        }

        @Override
        public long millis() {
          return millis.get();
        }
      };

  @Test
  void rejectionsAreCountedByReasonAndHandshakeTimeoutsByCloseReason() {
    try (SdkMeterProvider provider =
        SdkMeterProvider.builder().registerMetricReader(reader).build()) {
      McpMetrics metrics = McpMetrics.create(provider.get(McpMetrics.INSTRUMENTATION_SCOPE));
      SessionManager sessions =
          SessionManagers.builder()
              .policy(
                  SessionPolicy.builder()
                      .maxSessions(10)
                      .maxPendingHandshakes(2)
                      .handshakeTimeout(Duration.ofSeconds(5))
                      .clientLimits(ClientLimits.builder().burst(1).sessionsPerSecond(1).build())
                      .build())
              .clock(clock)
              .expiryInterval(Duration.ZERO)
              .listener(metrics.sessionListener())
              .build();
      try {
        create(sessions, "10.0.0.1");
        create(sessions, "10.0.0.2");
        assertThatThrownBy(() -> create(sessions, "10.0.0.3"))
            .isInstanceOf(SessionAdmissionException.class);
        assertThatThrownBy(() -> create(sessions, "10.0.0.1"))
            .isInstanceOf(SessionAdmissionException.class);
        millis.addAndGet(5_000);
        assertThat(sessions.cleanUp()).isEqualTo(2);

        Collection<MetricData> collected = reader.collectAllMetrics();
        MetricData rejected = metric(collected, "mcpkit.server.session.rejected");
        assertThat(sum(rejected, "mcpkit.session.rejection_reason", "handshake_pool_full"))
            .isEqualTo(1);
        assertThat(sum(rejected, "mcpkit.session.rejection_reason", "client_rate")).isEqualTo(1);
        MetricData closed = metric(collected, "mcpkit.server.session.closed");
        assertThat(sum(closed, "mcpkit.session.close_reason", "handshake_timeout")).isEqualTo(2);
        assertThat(CloseReason.valueOf("HANDSHAKE_TIMEOUT")).isNotNull();
      } finally {
        sessions.shutdown(Duration.ZERO);
      }
    }
  }

  private static void create(SessionManager sessions, String address) {
    sessions.create(
        new SessionInit(
            ProtocolVersion.latest(), null, JsonNodeFactory.instance.objectNode(), null, address));
  }

  private static MetricData metric(Collection<MetricData> all, String name) {
    return all.stream().filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
  }

  private static long sum(MetricData metric, String key, String value) {
    return metric.getLongSumData().getPoints().stream()
        .filter(p -> p.getAttributes().equals(Attributes.of(AttributeKey.stringKey(key), value)))
        .mapToLong(LongPointData::getValue)
        .sum();
  }
}
