#!/usr/bin/env bash
# The soak of issue 21 in one command: builds the examples (the everything server) and
# mcp-benchmarks/target/benchmarks.jar, then runs the everything server in its own JVM with a short
# idle timeout under a mixed load (tool calls, SSE answers, GET streams dropped, resumptions with
# Last-Event-ID, sessions deleted or abandoned, handshakes abandoned), sampling its heap after a full
# GC, threads, file descriptors and live sessions every minute. Writes soak.csv and soak.md; exits
# non-zero if a criterion fails. Not part of ./mvnw verify.
#
#   mcp-benchmarks/scripts/soak.sh                               # 30 minutes (~31.5 in all)
#   mcp-benchmarks/scripts/soak.sh --minutes 3 --out /tmp/smoke  # a smoke
#   mcp-benchmarks/scripts/soak.sh --flood                       # the flood run (~2 minutes)
#
# Options (see SoakOptions): --minutes N (30), --idle-timeout S (20), --users N (32),
# --sessions-per-second R (8; the per-client limit is 20), --heap-tolerance PERCENT (20),
# --out DIR (benchmark-results/soak); --flood with --flood-seconds S (60), --flooders N (64),
# --flood-addresses N (16; 1 floods from the established sessions' own address). Linux only
# (/proc). Set SKIP_BUILD=1 to reuse existing jars.
set -euo pipefail
cd "$(dirname "$0")/../.."
. .mvn/select-jdk.sh && mcpkit_select_jdk
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  ./mvnw -q -pl mcp-examples -am package -DskipTests
  ./mvnw -q -pl mcp-benchmarks -am package -DskipTests
fi
exec "$JAVA_HOME/bin/java" -Xms256m -Xmx256m -XX:+UseG1GC \
  -cp mcp-benchmarks/target/benchmarks.jar dev.mcpkit.benchmarks.soak.Soak "$@"
