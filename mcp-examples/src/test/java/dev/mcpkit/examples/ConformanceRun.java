package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * One run of the official conformance suite's server scenarios ({@code
 * interop/run-conformance-server.sh}) against an endpoint: which suite, judged against which
 * expected-failures file of {@code interop/}, and under which name its output is kept ({@code
 * target/NAME/}: the suite's {@code checks/} and the run's {@code conformance.log}) and its lines
 * appear in the test log ({@code [NAME]}).
 *
 * @param name the output directory under {@code target/} and the prefix of the log lines
 * @param expectedFailures the expected-failures file, by its name in {@code interop/}
 * @param suitePackage the suite's npm package ({@code CONFORMANCE_PACKAGE}), or null for the
 *     default (0.1.16, the session-based revisions)
 * @param specVersion the revision the scenarios run at ({@code CONFORMANCE_SPEC_VERSION}), or null
 * @param scenario the one scenario to run ({@code CONFORMANCE_SCENARIO}), or null for every one
 * @param timeout how long the suite may run before it is killed and the test fails
 */
record ConformanceRun(
    String name,
    String expectedFailures,
    @Nullable String suitePackage,
    @Nullable String specVersion,
    @Nullable String scenario,
    Duration timeout) {
  private static final String SCRIPT = "run-conformance-server.sh";
  private static final String PRE_RELEASE = "conformance-2026";

  /** Every server scenario of the default suite (0.1.16, revision 2025-11-25). */
  static ConformanceRun everyScenario(String name, String expectedFailures) {
    return new ConformanceRun(name, expectedFailures, null, null, null, Duration.ofMinutes(3));
  }

  /** Every server scenario of the pre-release suite, run at revision 2026-07-28. */
  static ConformanceRun everyScenarioOf2026(String name, String expectedFailures) {
    return new ConformanceRun(
        name, expectedFailures, PRE_RELEASE, "2026-07-28", null, Duration.ofMinutes(4));
  }

  /**
   * One scenario of the pre-release suite, by name (extension scenarios run only so); its output
   * goes to {@code target/NAME/SCENARIO/}.
   */
  static ConformanceRun oneScenarioOf2026(String name, String expectedFailures, String scenario) {
    return new ConformanceRun(
        name + "/" + scenario,
        expectedFailures,
        PRE_RELEASE,
        null,
        scenario,
        Duration.ofMinutes(2));
  }

  /** What a finished run left: the script's outcome, and where its files are. */
  record Result(
      ConformanceRun run, Path expectedFailures, Path output, InteropKit.Outcome outcome) {
    /** The suite's summary line of each scenario that ran ({@code ✓ NAME: N passed, M failed}). */
    List<String> scenarioLines() {
      return outcome.stdout().lines().filter(line -> line.startsWith("✓ ")).toList();
    }
  }

  /**
   * Runs the suite against the endpoint, its output directory emptied first (an earlier run's
   * checks would count as this run's), and keeps the log; asserts nothing.
   */
  Result run(URI endpoint) throws IOException, InterruptedException {
    Path interop = InteropKit.requireInstalled();
    Path listed = interop.resolve(expectedFailures);
    Path output = Path.of("target", name).toAbsolutePath();
    if (Files.exists(output)) {
      try (Stream<Path> stale = Files.walk(output)) {
        for (Path path : stale.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
    Files.createDirectories(output);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CONFORMANCE_OUTPUT_DIR", output.resolve("checks").toString());
    if (suitePackage != null) {
      env.put("CONFORMANCE_PACKAGE", suitePackage);
    }
    if (specVersion != null) {
      env.put("CONFORMANCE_SPEC_VERSION", specVersion);
    }
    if (scenario != null) {
      env.put("CONFORMANCE_SCENARIO", scenario);
    }
    InteropKit.Outcome outcome =
        InteropKit.run(
            List.of(
                "bash", interop.resolve(SCRIPT).toString(), endpoint.toString(), listed.toString()),
            env,
            timeout,
            true,
            "[" + name + "] ");
    Files.writeString(output.resolve("conformance.log"), outcome.stdout());
    return new Result(this, listed, output, outcome);
  }

  /**
   * Runs the suite and asserts that the script exited 0: every scenario passed or failed as the
   * expected-failures file lists (the script also fails when a listed scenario passes).
   */
  Result passesOrFailsAsListed(URI endpoint) throws IOException, InterruptedException {
    Result result = run(endpoint);
    assertThat(result.outcome().exitCode())
        .as(
            "interop/%s%s exit status (0: every scenario passed or failed as listed in %s; see the"
                + " [%s] lines above)",
            SCRIPT, suite(), expectedFailures, name)
        .isZero();
    return result;
  }

  /** The suite, as the assertion messages name it: blank for the default one. */
  String suite() {
    List<String> parts = new ArrayList<>();
    if (suitePackage != null) {
      parts.add(suitePackage);
    }
    if (specVersion != null) {
      parts.add("--spec-version " + specVersion);
    }
    if (scenario != null) {
      parts.add("--scenario " + scenario);
    }
    return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
  }

  /** The scenario names an expected-failures file of {@code interop/} lists, without comments. */
  static List<String> listedIn(String expectedFailures) throws IOException {
    return Files.readAllLines(InteropKit.dir().resolve(expectedFailures)).stream()
        .map(line -> line.replaceFirst("#.*", "").strip())
        .filter(line -> !line.isEmpty())
        .toList();
  }
}
