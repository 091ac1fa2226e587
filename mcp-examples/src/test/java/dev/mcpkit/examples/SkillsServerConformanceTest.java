package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
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
  private static final JsonMapper JSON = JsonMapper.builder().build();
  @AutoClose private static EverythingServer server;

  @BeforeAll
  static void start() {
    server = EverythingServer.start("127.0.0.1", 0);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sep-2640-skills-directory",
        "sep-2640-skills-enumeration",
        "sep-2640-skills-manifest"
      })
  void everyCheckOfTheScenarioSucceeds(String scenario) throws Exception {
    ConformanceRun.Result result =
        ConformanceRun.oneScenarioOf2026(
                "conformance-skills", "everything-server-2026.expected-failures", scenario)
            .passesOrFailsAsListed(server.endpoint());

    List<String> statuses = new ArrayList<>();
    try (Stream<Path> files = Files.walk(result.output())) {
      for (Path checks : files.filter(p -> p.endsWith("checks.json")).toList()) {
        for (JsonNode check : JSON.readTree(checks.toFile())) {
          statuses.add(check.path("id").asString() + "=" + check.path("status").asString());
        }
      }
    }
    assertThat(statuses).isNotEmpty().allMatch(s -> s.endsWith("=SUCCESS"));
  }
}
