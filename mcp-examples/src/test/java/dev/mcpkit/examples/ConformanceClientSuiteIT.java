package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every client scenario of the official MCP conformance suite, in both pinned versions (0.1.16 and
 * the 0.2.0 pre-release that covers revision 2026-07-28), against {@link ConformanceClient} started
 * the way {@code ./run-example ConformanceClient} starts it: its own JVM, the packaged {@code
 * mcp-examples.jar} and {@code lib/} on the module path. That is why this is an integration test
 * (Failsafe, after {@code package}).
 *
 * <p>The scenarios that cannot pass yet are listed with their reasons in {@code
 * interop/conformance-client.expected-failures} and {@code
 * interop/conformance-client-2026.expected-failures}; {@code interop/run-conformance-client.sh}
 * fails the run when a listed scenario passes, so the lists stay exact. The suite's output goes to
 * the test log (lines prefixed {@code [conformance-client]}) and to {@code
 * target/conformance-client*}. Needs {@code (cd interop && npm ci)}; fails, never skips, without
 * it.
 */
class ConformanceClientSuiteIT {
  /** Scenarios run at once: each has its own server on its own port. */
  private static final String JOBS = "3";

  private static String command;

  /**
   * Builds the client's command line and a class-data archive for it: one warm-up run against the
   * everything server records the classes a client loads, so each of the ~100 client JVMs starts
   * faster (the archive is only valid for this exact command line and JDK).
   */
  @BeforeAll
  static void clientCommand() throws Exception {
    Path target = Path.of("target").toAbsolutePath();
    Path jar = target.resolve("mcp-examples.jar");
    Path lib = target.resolve("lib");
    if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) {
      fail(jar + " or " + lib + " is missing: run this test in the verify phase, after package");
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path archive = target.resolve("conformance-client.jsa");
    Files.deleteIfExists(archive);
    List<String> tail =
        List.of(
            "-p",
            jar + ":" + lib,
            "-m",
            "dev.mcpkit.examples/" + ConformanceClient.class.getName());

    try (EverythingServer server = EverythingServer.start("127.0.0.1", 0)) {
      List<String> warmUp =
          new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-Xlog:cds=off"));
      warmUp.add("-XX:ArchiveClassesAtExit=" + archive);
      warmUp.addAll(tail);
      warmUp.add(server.endpoint().toString());
      InteropKit.Outcome outcome =
          InteropKit.run(
              warmUp,
              Map.of("MCP_CONFORMANCE_SCENARIO", "initialize"),
              Duration.ofMinutes(1),
              true,
              "[conformance-client warm-up] ");
      assertThat(outcome.exitCode()).as("the warm-up run of ConformanceClient").isZero();
    }
    assertThat(archive).isRegularFile();
    command =
        String.join(
            " ",
            java,
            "-XX:TieredStopAtLevel=1",
            "-XX:SharedArchiveFile=" + archive,
            "-Xshare:auto",
            // The archive serves the classes; its notes on the module graph are noise here.
            "-Xlog:cds=off",
            String.join(" ", tail));
  }

  @Test
  void everyClientScenarioPassesOrFailsAsExpected() throws Exception {
    Path interop = InteropKit.requireInstalled();
    run(interop, "conformance-client.expected-failures", "conformance-client", Map.of());
  }

  /**
   * The pre-release, each scenario at 2026-07-28 where it applies ({@code tools_call} and the
   * {@code auth/...} scenarios of both revisions included) and at its own revision otherwise:
   * 2025-11-25 for {@code initialize}, {@code sse-retry} and the elicitation defaults, 2025-03-26,
   * the extensions. The 0.1.16 run above covers 2025-11-25.
   */
  @Test
  void everyClientScenarioOfThePreReleasePassesOrFailsAsExpected() throws Exception {
    Path interop = InteropKit.requireInstalled();
    run(
        interop,
        "conformance-client-2026.expected-failures",
        "conformance-client-2026",
        Map.of(
            "CONFORMANCE_PACKAGE", "conformance-2026", "CONFORMANCE_SPEC_VERSION", "2026-07-28"));
  }

  /** The script fails the run when a listed scenario passes, so the lists stay exact. */
  @Test
  void aListedScenarioThatPassesFailsTheRun() throws Exception {
    Path interop = InteropKit.requireInstalled();
    Path list = Path.of("target", "conformance-client-stale.expected-failures").toAbsolutePath();
    Files.writeString(list, "initialize   # listed on purpose: it passes\n");

    InteropKit.Outcome outcome =
        script(interop, command, list, Map.of("CONFORMANCE_SCENARIOS", "initialize"), "stale");

    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(outcome.stdout())
        .contains("initialize (its own revision) is listed as an expected failure but passed");
  }

  /**
   * A client that gives up fails a scenario even where the suite's baseline mode sees no failing
   * check: {@code sep-2640-client-verify-digest} allows a client error and, when the client sends
   * nothing, its one check is SKIPPED.
   */
  @Test
  void aClientThatGivesUpFailsAScenarioWithoutFailingChecks() throws Exception {
    Path interop = InteropKit.requireInstalled();

    InteropKit.Outcome outcome =
        script(
            interop,
            "false",
            null,
            Map.of(
                "CONFORMANCE_PACKAGE",
                "conformance-2026",
                "CONFORMANCE_SCENARIOS",
                "sep-2640-client-verify-digest"),
            "gives-up");

    assertThat(outcome.stdout()).contains("Baseline check passed"); // the suite alone: a pass
    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(outcome.stdout())
        .contains("sep-2640-client-verify-digest (its own revision) failed unexpectedly");
  }

  private static InteropKit.Outcome script(
      Path interop,
      String client,
      @Nullable Path expectedFailures,
      Map<String, String> env,
      String name)
      throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of("bash", interop.resolve("run-conformance-client.sh").toString(), client));
    if (expectedFailures != null) {
      command.add(expectedFailures.toString());
    }
    return InteropKit.run(
        command, env, Duration.ofMinutes(2), true, "[conformance-client " + name + "] ");
  }

  private static void run(
      Path interop, String expectedFailuresFile, String name, Map<String, String> env)
      throws Exception {
    Path expectedFailures = interop.resolve(expectedFailuresFile);
    Path output = Path.of("target", name).toAbsolutePath();
    Files.createDirectories(output);
    Map<String, String> environment = new java.util.HashMap<>(env);
    environment.put("CONFORMANCE_OUTPUT_DIR", output.resolve("checks").toString());
    environment.put("CONFORMANCE_JOBS", JOBS);

    InteropKit.Outcome outcome =
        InteropKit.run(
            List.of(
                "bash",
                interop.resolve("run-conformance-client.sh").toString(),
                command,
                expectedFailures.toString()),
            environment,
            Duration.ofMinutes(8),
            true,
            "[" + name + "] ");
    Files.writeString(output.resolve("run.log"), outcome.stdout());

    assertThat(outcome.exitCode())
        .as(
            "interop/run-conformance-client.sh exit status (0: every scenario passed or failed as "
                + "listed in %s; see the [%s] lines above)",
            expectedFailures.getFileName(), name)
        .isZero();
  }
}
