package dev.mcpkit.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line of the comparison. */
class E2eConfigTest {

  @Test
  void defaultsAreTheFullRun() {
    E2eConfig config = E2eConfig.parse();

    assertThat(config.concurrencies()).containsExactly(1, 16, 64, 256);
    assertThat(config.protocols()).containsExactly(Protocol.HTTP1, Protocol.H2C);
    assertThat(config.servers())
        .containsExactly(ServerKind.MCPKIT, ServerKind.SDK, ServerKind.JETTY);
    assertThat(config.heapSessions()).containsExactly(10_000, 100_000);
  }

  @Test
  void smokeCoversEveryServerKindOfTheMainComparisonTheProtectedOneIncluded() {
    assertThat(E2eConfig.parse("--smoke").servers())
        .containsExactly(
            ServerKind.MCPKIT,
            ServerKind.MCPKIT_OAUTH,
            ServerKind.MCPKIT_TOKEN_UNCHECKED,
            ServerKind.MCPKIT_TYPED,
            ServerKind.MCPKIT_PLAIN,
            ServerKind.SDK,
            ServerKind.JETTY);
    assertThat(ServerKind.of("mcpkit-oauth").needsBearerToken()).isTrue();
    assertThat(ServerKind.of("mcpkit").needsBearerToken()).isFalse();
  }

  @Test
  void theGatewayComparisonsKindsAreProxiesAndTheNpmOnesSpeakHttp11Only() {
    assertThat(ServerKind.of("mcpkit-gateway").proxied()).isTrue();
    assertThat(ServerKind.of("mcpkit").proxied()).isFalse();
    assertThat(ServerKind.of("supergateway").churns()).isFalse();
    assertThat(ServerKind.of("mcp-proxy").churns()).isTrue();
    assertThat(ServerKind.of("mcp-proxy-everything").echoText()).isEqualTo("Echo: hello");
    assertThatThrownBy(() -> E2eConfig.parse("--servers", "mcpkit,supergateway"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("supergateway speaks HTTP/1.1 only");
    assertThat(
            E2eConfig.parse("--servers", "mcpkit,supergateway,mcp-proxy", "--protocols", "http1")
                .servers())
        .containsExactly(ServerKind.MCPKIT, ServerKind.SUPERGATEWAY, ServerKind.MCP_PROXY);
  }

  @Test
  void theSessionlessSdkKindIsRefusedWithAPointerToWrk() {
    assertThat(ServerKind.of("sdk-modern").sessionlessOnly()).isTrue();
    assertThat(ServerKind.SDK.sessionlessOnly()).isFalse();
    assertThatThrownBy(() -> E2eConfig.parse("--servers", "mcpkit,sdk-modern"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sdk-modern serves only the sessionless 2026-07-28 revision")
        .hasMessageContaining("wrk.sh");
  }

  @Test
  void optionsOverrideThePreset() {
    E2eConfig config =
        E2eConfig.parse(
            "--smoke",
            "--out",
            "x",
            "--concurrency",
            "2,8",
            "--protocols",
            "h2c",
            "--measure",
            "1.5",
            "--servers",
            "mcpkit,mcpkit-oauth,jetty",
            "--scenario-warmup",
            "0.25");

    assertThat(config.out()).isEqualTo(Path.of("x"));
    assertThat(config.concurrencies()).containsExactly(2, 8);
    assertThat(config.protocols()).containsExactly(Protocol.H2C);
    assertThat(config.measure()).isEqualTo(Duration.ofMillis(1500));
    assertThat(config.scenarioWarmup()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.servers())
        .isEqualTo(List.of(ServerKind.MCPKIT, ServerKind.MCPKIT_OAUTH, ServerKind.JETTY));
    assertThat(config.heapSessions()).isEqualTo(E2eConfig.smoke().heapSessions());
  }

  @Test
  void everyOtherOptionReachesItsField() {
    E2eConfig config =
        E2eConfig.parse(
            "--warmup-window",
            "0.5",
            "--warmup-max",
            "3",
            "--churn-measure",
            "2",
            "--heap-sessions",
            "none",
            "--generator",
            "jetty",
            "--pin",
            "true",
            "--jfr",
            "true");

    assertThat(config.warmupWindow()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.warmupMax()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.churnMeasure()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.heapSessions()).isEmpty();
    assertThat(config.generator()).isEqualTo(LoadGenerator.JETTY);
    assertThat(config.pin()).isTrue();
    assertThat(config.serverJvmOptions())
        .startsWith(E2eConfig.DEFAULT_SERVER_JVM_OPTIONS.toArray(String[]::new))
        .anyMatch(o -> o.startsWith("-XX:StartFlightRecording="));
    // What no option sets stays as the preset has it.
    assertThat(config.warmupConcurrency()).isEqualTo(E2eConfig.full().warmupConcurrency());
    assertThat(config.churnConcurrency()).isEqualTo(E2eConfig.full().churnConcurrency());
  }

  @Test
  void badInputNamesTheOption() {
    assertThatThrownBy(() -> E2eConfig.parse("--measure", "soon"))
        .hasMessageContaining("--measure");
    assertThatThrownBy(() -> E2eConfig.parse("--frobnicate", "1"))
        .hasMessageContaining("--frobnicate");
    assertThatThrownBy(() -> E2eConfig.parse("--servers", "tomcat")).hasMessageContaining("tomcat");
    assertThatThrownBy(() -> E2eConfig.parse("--out")).hasMessageContaining("--out needs a value");
    assertThatThrownBy(() -> E2eConfig.parse("--concurrency", "0"))
        .hasMessageContaining("concurrency");
  }

  @Test
  void theWarmUpConcurrencyCanBeLoweredForProxiesThatStartAProcessPerSession() {
    assertThat(E2eConfig.parse().warmupConcurrency()).isEqualTo(64);
    assertThat(E2eConfig.parse("--warmup-concurrency", "16").warmupConcurrency()).isEqualTo(16);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> E2eConfig.parse("--warmup-concurrency", "0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--warmup-concurrency");
  }
}
