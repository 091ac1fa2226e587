package dev.mcpkit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionPolicyTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    SessionPolicy p = SessionPolicy.defaults();
    assertThat(p.idleTimeout()).isEqualTo(Duration.ofMinutes(30));
    assertThat(p.maxLifetime()).isEqualTo(Duration.ofHours(24));
    assertThat(p.maxSessions()).isEqualTo(10_000);
    assertThat(p.admissionPolicy()).isEqualTo(SessionPolicy.AdmissionPolicy.REJECT_NEW);
    assertThat(p.touchGranularity()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void builderSetsEveryOption() {
    SessionPolicy p =
        SessionPolicy.builder()
            .idleTimeout(Duration.ofMinutes(5))
            .maxLifetime(Duration.ofHours(1))
            .maxSessions(7)
            .admissionPolicy(SessionPolicy.AdmissionPolicy.EVICT_LONGEST_IDLE)
            .touchGranularity(Duration.ZERO)
            .build();
    assertThat(p)
        .isEqualTo(
            new SessionPolicy(
                Duration.ofMinutes(5),
                Duration.ofHours(1),
                7,
                SessionPolicy.AdmissionPolicy.EVICT_LONGEST_IDLE,
                Duration.ZERO));
  }

  @Test
  void builderRejectsBadValuesNamingTheOption() {
    SessionPolicy.Builder b = SessionPolicy.builder();
    assertThatThrownBy(() -> b.idleTimeout(Duration.ZERO)).hasMessageContaining("idleTimeout");
    assertThatThrownBy(() -> b.idleTimeout(Duration.ofSeconds(-1)))
        .hasMessageContaining("idleTimeout");
    assertThatThrownBy(() -> b.maxLifetime(Duration.ZERO)).hasMessageContaining("maxLifetime");
    assertThatThrownBy(() -> b.maxSessions(0)).hasMessageContaining("maxSessions");
    assertThatThrownBy(() -> b.touchGranularity(Duration.ofMillis(-1)))
        .hasMessageContaining("touchGranularity");
    assertThatThrownBy(() -> b.admissionPolicy(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void granularityMustBeShorterThanIdleTimeout() {
    SessionPolicy.Builder b =
        SessionPolicy.builder()
            .idleTimeout(Duration.ofSeconds(5))
            .touchGranularity(Duration.ofSeconds(5));
    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("touchGranularity")
        .hasMessageContaining("idleTimeout");
  }

  @Test
  void constructorValidatesToo() {
    assertThatThrownBy(
            () ->
                new SessionPolicy(
                    Duration.ofMinutes(1),
                    Duration.ofMinutes(1),
                    -3,
                    SessionPolicy.AdmissionPolicy.REJECT_NEW,
                    Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxSessions");
  }
}
