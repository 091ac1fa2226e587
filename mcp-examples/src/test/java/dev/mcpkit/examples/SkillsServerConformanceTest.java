package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The three server scenarios of the Skills extension (SEP-2640) in the conformance pre-release
 * ({@code conformance-2026}, 0.2.0-alpha.12) against the everything server and its bundled skills.
 * Extension scenarios are not part of the suite's timeline, so the run of every scenario in {@link
 * EverythingServerConformanceTest} leaves them out; each runs here by name, at 2026-07-28.
 *
 * <p>A scenario whose server does not declare the extension SKIPs every check and so would pass the
 * suite's baseline rule: the test also requires every check of the scenario to be {@code SUCCESS}.
 */
class SkillsServerConformanceTest {
  private static EverythingServer server;

  @BeforeAll
  static void start() {
    server = EverythingServer.start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sep-2640-skills-directory",
        "sep-2640-skills-enumeration",
        "sep-2640-skills-manifest"
      })
  void everyCheckOfTheScenarioSucceeds(String scenario) throws Exception {
    Path interop = InteropKit.requireInstalled();
    Path expectedFailures = interop.resolve("everything-server-2026.expected-failures");
    Path output = Path.of("target", "conformance-skills", scenario).toAbsolutePath();
    if (Files.exists(output)) {
      // Results of an earlier run would count as this run's checks.
      try (Stream<Path> stale = Files.walk(output)) {
        for (Path path : stale.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
    Files.createDirectories(output);

    InteropKit.Outcome outcome =
        InteropKit.run(
            List.of(
                "bash",
                interop.resolve("run-conformance-server.sh").toString(),
                server.endpoint().toString(),
                expectedFailures.toString()),
            Map.of(
                "CONFORMANCE_OUTPUT_DIR",
                output.toString(),
                "CONFORMANCE_PACKAGE",
                "conformance-2026",
                "CONFORMANCE_SCENARIO",
                scenario),
            Duration.ofMinutes(2),
            true,
            "[" + scenario + "] ");

    assertThat(outcome.exitCode()).as("run-conformance-server.sh exit status").isZero();
    List<String> statuses = new ArrayList<>();
    try (Stream<Path> files = Files.walk(output)) {
      for (Path checks : files.filter(p -> p.endsWith("checks.json")).toList()) {
        for (JsonNode check : JsonMapper.builder().build().readTree(checks.toFile())) {
          statuses.add(check.path("id").asString() + "=" + check.path("status").asString());
        }
      }
    }
    assertThat(statuses).isNotEmpty().allMatch(s -> s.endsWith("=SUCCESS"));
  }
}
