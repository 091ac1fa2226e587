package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official MCP conformance suite ({@code @modelcontextprotocol/conformance}, every server
 * scenario) against the everything server, in-process on a free loopback port. Scenarios that
 * cannot pass yet are listed with their reasons in {@code
 * interop/everything-server.expected-failures}; the script also fails when a listed scenario
 * passes, so the list stays exact.
 *
 * <p>The suite's output goes to the test log (lines prefixed {@code [conformance]}) and to {@code
 * target/conformance/}. Needs {@code (cd interop && npm ci)}; fails, never skips, without it.
 */
class EverythingServerConformanceTest {
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

  @Test
  void everyServerScenarioPassesOrFailsAsExpected() throws Exception {
    Path interop = InteropKit.requireInstalled();
    Path expectedFailures = interop.resolve("everything-server.expected-failures");
    Path output = Path.of("target", "conformance").toAbsolutePath();
    Files.createDirectories(output);

    InteropKit.Outcome outcome =
        InteropKit.run(
            List.of(
                "bash",
                interop.resolve("run-conformance-server.sh").toString(),
                server.endpoint().toString(),
                expectedFailures.toString()),
            Map.of("CONFORMANCE_OUTPUT_DIR", output.resolve("checks").toString()),
            Duration.ofMinutes(3),
            true,
            "[conformance] ");
    Files.writeString(output.resolve("everything-server.log"), outcome.stdout());

    assertThat(outcome.exitCode())
        .as(
            "interop/run-conformance-server.sh exit status (0: every scenario passed or failed as "
                + "listed in %s; see the [conformance] lines above)",
            expectedFailures.getFileName())
        .isZero();
  }

  /**
   * The pre-release of the suite that covers revision 2026-07-28 (npm alias {@code
   * conformance-2026} in {@code interop/package.json}), run at that revision against the same
   * server that the test above runs at 2025-11-25.
   */
  @Test
  void everyServerScenarioOfRevision2026PassesOrFailsAsExpected() throws Exception {
    Path interop = InteropKit.requireInstalled();
    Path expectedFailures = interop.resolve("everything-server-2026.expected-failures");
    Path output = Path.of("target", "conformance-2026").toAbsolutePath();
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
                output.resolve("checks").toString(),
                "CONFORMANCE_PACKAGE",
                "conformance-2026",
                "CONFORMANCE_SPEC_VERSION",
                "2026-07-28"),
            Duration.ofMinutes(4),
            true,
            "[conformance-2026] ");
    Files.writeString(output.resolve("everything-server.log"), outcome.stdout());

    assertThat(outcome.exitCode())
        .as(
            "interop/run-conformance-server.sh (conformance-2026, --spec-version 2026-07-28) exit status "
                + "(0: every scenario passed or failed as listed in %s)",
            expectedFailures.getFileName())
        .isZero();
  }

  /**
   * The server scenarios of the Tasks extension ({@code io.modelcontextprotocol/tasks}) in the
   * pre-release suite. The suite does not run extension scenarios under {@code --suite} with a
   * {@code --spec-version} (they are not on the spec timeline), only one by one, at revision
   * 2026-07-28: so each runs on its own, all against {@code
   * interop/everything-server-tasks.expected-failures}.
   */
  @Test
  void everyTasksScenarioPassesOrFailsAsExpected() throws Exception {
    Path interop = InteropKit.requireInstalled();
    Path expectedFailures = interop.resolve("everything-server-tasks.expected-failures");
    Path output = Path.of("target", "conformance-tasks").toAbsolutePath();
    Files.createDirectories(output);
    StringBuilder log = new StringBuilder();
    List<String> failed = new java.util.ArrayList<>();
    for (String scenario : TASKS_SCENARIOS) {
      InteropKit.Outcome outcome =
          InteropKit.run(
              List.of(
                  "bash",
                  interop.resolve("run-conformance-server.sh").toString(),
                  server.endpoint().toString(),
                  expectedFailures.toString()),
              Map.of(
                  "CONFORMANCE_OUTPUT_DIR",
                  output.resolve("checks").toString(),
                  "CONFORMANCE_PACKAGE",
                  "conformance-2026",
                  "CONFORMANCE_SCENARIO",
                  scenario),
              Duration.ofMinutes(2),
              true,
              "[conformance-tasks] ");
      log.append(outcome.stdout());
      if (outcome.exitCode() != 0) {
        failed.add(scenario + " (exit " + outcome.exitCode() + ")");
      }
    }
    Files.writeString(output.resolve("everything-server.log"), log);

    assertThat(failed)
        .as(
            "tasks-* scenarios that failed unexpectedly (or are listed in %s and passed)",
            expectedFailures.getFileName())
        .isEmpty();
  }

  /** Every server scenario of the Tasks extension in conformance 0.2.0-alpha.12. */
  private static final List<String> TASKS_SCENARIOS =
      List.of(
          "tasks-lifecycle",
          "tasks-capability-negotiation",
          "tasks-wire-fields",
          "tasks-request-state-removal",
          "tasks-mrtr-input",
          "tasks-request-headers",
          "tasks-dispatch-and-envelope",
          "tasks-status-notifications",
          "tasks-required-task-error",
          "tasks-mrtr-composition");
}
