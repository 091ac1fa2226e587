package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
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
 * target/conformance/} (see {@link ConformanceRun}). Needs {@code (cd interop && npm ci)}; fails,
 * never skips, without it.
 */
class EverythingServerConformanceTest {
  @AutoClose private static EverythingServer server;

  @BeforeAll
  static void start() {
    server = EverythingServer.start("127.0.0.1", 0);
  }

  @Test
  void everyServerScenarioPassesOrFailsAsExpected() throws Exception {
    ConformanceRun.everyScenario("conformance", "everything-server.expected-failures")
        .passesOrFailsAsListed(server.endpoint());
  }

  /**
   * The pre-release of the suite that covers revision 2026-07-28 (npm alias {@code
   * conformance-2026} in {@code interop/package.json}), run at that revision against the same
   * server that the test above runs at 2025-11-25.
   */
  @Test
  void everyServerScenarioOfRevision2026PassesOrFailsAsExpected() throws Exception {
    ConformanceRun.everyScenarioOf2026(
            "conformance-2026", "everything-server-2026.expected-failures")
        .passesOrFailsAsListed(server.endpoint());
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
    String expectedFailures = "everything-server-tasks.expected-failures";
    List<String> failed = new ArrayList<>();
    for (String scenario : TASKS_SCENARIOS) {
      ConformanceRun.Result result =
          ConformanceRun.oneScenarioOf2026("conformance-tasks", expectedFailures, scenario)
              .run(server.endpoint());
      if (result.outcome().exitCode() != 0) {
        failed.add(scenario + " (exit " + result.outcome().exitCode() + ")");
      }
    }

    assertThat(failed)
        .as(
            "tasks-* scenarios that failed unexpectedly (or are listed in %s and passed)",
            expectedFailures)
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
