#!/usr/bin/env bash
# The end-to-end comparison in one command: builds mcp-benchmarks/target/benchmarks.jar, then runs
# mcpkit, the official MCP Java SDK and a bare Jetty floor (each in its own JVM on loopback) under
# one load generator, and writes e2e-results.json, e2e-results.md and e2e-chart.svg.
#
#   mcp-benchmarks/scripts/e2e.sh                      # full run, ~9-15 minutes on 2 vCPUs
#   mcp-benchmarks/scripts/e2e.sh --smoke              # seconds; what the test suite runs
#   mcp-benchmarks/scripts/e2e.sh --measure 30 --warmup-max 120 --out my-results
#
# Options (see E2eConfig.parse): --out DIR (default benchmark-results/e2e), --servers mcpkit,sdk,jetty
# (mcpkit-oauth: mcpkit behind bearer tokens, with an authorization server on loopback; not a default),
# --protocols http1,h2c, --concurrency 1,16,64,256, --measure S, --scenario-warmup S,
# --warmup-window S, --warmup-max S, --warmup-concurrency N (default 64), --churn-measure S,
# --heap-sessions 10000,100000,
# --generator lean|jetty, --pin true|false (load generator and servers on separate CPUs), --jfr true.
# A warm-up ends when its last windows (15 s at least) are within 5% of its best window and the
# server JVM's JIT compiler threads were busy under 5% of the last one, or at --warmup-max; the log
# says which ("stable at N req/s", "hit --warmup-max while still rising").
# Set SKIP_BUILD=1 to reuse an existing jar. Re-make the report from a results file:
#   java -cp mcp-benchmarks/target/benchmarks.jar dev.mcpkit.benchmarks.e2e.E2eComparison --report FILE
set -euo pipefail
cd "$(dirname "$0")/../.."
. .mvn/select-jdk.sh && mcpkit_select_jdk
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  ./mvnw -q -pl mcp-benchmarks -am package -DskipTests
fi
exec "$JAVA_HOME/bin/java" -Xms1g -Xmx1g -XX:+UseG1GC \
  -cp mcp-benchmarks/target/benchmarks.jar dev.mcpkit.benchmarks.e2e.E2eComparison "$@"
