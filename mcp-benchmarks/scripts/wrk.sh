#!/usr/bin/env bash
# The end-to-end comparison's tools/call scenario measured with wrk (Debian package `wrk`), a load
# generator no one here wrote: starts each server of the e2e harness in its own JVM (ServerMain),
# opens one session per server with curl (initialize + notifications/initialized; none for the
# sessionless revision 2026-07-28), checks that echo answers, warms each server up, then measures in
# slices that take turns between the servers (so a burst of load from elsewhere on the machine hits
# all alike) and prints, per revision, req/s, p50/p99 and the server's CPU per call beside the
# floor's (the `jetty` server). wrk runs a closed loop: one thread, one connection per user, one
# request in flight per connection.
#
#   mcp-benchmarks/scripts/wrk.sh                                   # defaults below
#   mcp-benchmarks/scripts/wrk.sh --servers jetty,mcpkit,mcpkit-plain --revisions 2025-11-25,2026-07-28 \
#       --connections 64 --warmup 20 --slice 5 --slices 4 --out benchmark-results/wrk
#
# Options: --servers (default jetty,mcpkit,mcpkit-plain; any ServerMain kind that serves without an
# issuer), --revisions (default 2025-11-25,2026-07-28), --connections (64), --threads (1),
# --warmup S (20, per server and revision), --slice S (5), --slices N (4), --out DIR
# (benchmark-results/wrk: wrk-results.md and wrk-raw.txt). SERVER_JVM_OPTS adds JVM options to
# every server (e.g. -Dmcpkit.benchmarks.selectors=2). WRK_LUA picks another wrk script (for
# example scripts/wrk/mcp-call-ids.lua: a fresh JSON-RPC id per request). SKIP_BUILD=1 reuses the jar. A server written
# KIND=LABEL@JAR runs KIND from another benchmarks jar under the name LABEL (a before/after
# comparison in one run: --servers jetty,mcpkit-plain,plain-before=mcpkit-plain@/tmp/before.jar);
# LABEL=KIND@JAR+OPTS adds JVM options to that server alone, and an empty JAR means this one's
# (--servers jetty,mcpkit,mcpkit-2sel=mcpkit@+-Dmcpkit.benchmarks.selectors=2). A relative JAR is
# resolved against the directory wrk.sh was called from (the script itself runs from the repository
# root), so before.jar and /tmp/before.jar both work. A kind that serves one revision only is
# skipped, with a note in the report, for the others: sdk-modern (the SDK 2.2.0's sessionless
# server) serves 2026-07-28 only, sdk (its session server) all but 2026-07-28.
#
# Server CPU per call: the server JVM's utime+stime from /proc/PID/stat around each slice, divided by
# the calls wrk completed in it. Each slice also records the share of the machine's CPU time the
# hypervisor stole (steal in /proc/stat), and the report its total. Latency: wrk's own histogram
# per slice (not corrected for coordinated omission); p50/p99 are the medians over the slices.
set -euo pipefail
caller=$(pwd)  # a relative JAR in --servers is the caller's, not the repository root's
cd "$(dirname "$0")/../.."
usage() { sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
servers=jetty,mcpkit,mcpkit-plain revisions=2025-11-25,2026-07-28 connections=64 threads=1
warmup=20 slice=5 slices=4 out=benchmark-results/wrk
while [[ $# -gt 0 ]]; do
  case "$1" in
    --servers) servers="$2"; shift 2 ;;
    --revisions) revisions="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --slice) slice="$2"; shift 2 ;;
    --slices) slices="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) usage ;;
    *) echo "unknown option: $1" >&2; usage ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk.sh: wrk is not installed (Debian/Ubuntu: apt-get install wrk)" >&2; exit 1; }
command -v curl >/dev/null || { echo "wrk.sh: curl is not installed" >&2; exit 1; }
. .mvn/select-jdk.sh && mcpkit_select_jdk
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  ./mvnw -q -pl mcp-benchmarks -am package -DskipTests
fi
jar=mcp-benchmarks/target/benchmarks.jar
lua="${WRK_LUA:-$(pwd)/mcp-benchmarks/scripts/wrk/mcp-call.lua}"
mkdir -p "$out"; raw="$out/wrk-raw.txt"; report="$out/wrk-results.md"; : >"$raw"
tmp=$(mktemp -d)
IFS=, read -r -a kinds <<<"$servers"  # KIND or LABEL=KIND@JAR
IFS=, read -r -a versions <<<"$revisions"
declare -A pid port fd base

stop_all() {
  for k in "${!pid[@]}"; do
    echo quit >&"${fd[$k]}" 2>/dev/null || true
    wait "${pid[$k]}" 2>/dev/null || true
  done
  rm -rf "$tmp"
}
trap stop_all EXIT

for i in "${!kinds[@]}"; do
  spec=${kinds[$i]} kind=${kinds[$i]} kjar=$jar
  opts=""
  if [[ "$spec" == *=*@* ]]; then
    kinds[$i]=${spec%%=*}; rest=${spec#*=}; kind=${rest%%@*}; kjar=${rest#*@}
    if [[ "$kjar" == *+* ]]; then opts=${kjar#*+}; kjar=${kjar%%+*}; fi
    [[ -n "$kjar" ]] || kjar=$jar
    [[ "$kjar" == /* || "$kjar" == "$jar" ]] || kjar="$caller/$kjar"
    [[ -f "$kjar" ]] || { echo "wrk.sh: $spec: no jar at $kjar" >&2; exit 1; }
  fi
  k=${kinds[$i]}
  base[$k]=$kind
  mkfifo "$tmp/$k.in"
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/java" -Xms1g -Xmx1g -XX:+UseG1GC ${SERVER_JVM_OPTS:-} $opts -cp "$kjar" \
    dev.mcpkit.benchmarks.e2e.ServerMain "$kind" <"$tmp/$k.in" >"$tmp/$k.out" 2>"$out/$k.log" &
  pid[$k]=$!
  exec {f}>"$tmp/$k.in"; fd[$k]=$f
done
for k in "${kinds[@]}"; do
  for _ in $(seq 1 300); do grep -q READY "$tmp/$k.out" && break; sleep 0.1; done
  port[$k]=$(awk '/READY/{print $2}' "$tmp/$k.out")
  [[ -n "${port[$k]}" ]] || { echo "wrk.sh: server $k did not start (see $out/$k.log)" >&2; exit 1; }
done

post() { # url version session body -> status; headers in $tmp/h, body in $tmp/b
  local extra=(-H "Mcp-Protocol-Version: $2")
  [[ -n "$3" ]] && extra+=(-H "Mcp-Session-Id: $3")
  [[ "$2" == 2026-07-28 ]] && extra+=(-H "Mcp-Method: tools/call" -H "Mcp-Name: echo")
  curl -sS -o "$tmp/b" -D "$tmp/h" -w '%{http_code}' -X POST "$1" -H 'Content-Type: application/json' \
    -H 'Accept: application/json, text/event-stream' "${extra[@]}" --data "$4"
}
open_session() { # url version -> prints the session id
  local status session
  status=$(curl -sS -o "$tmp/b" -D "$tmp/h" -w '%{http_code}' -X POST "$1" \
    -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
    --data '{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"'"$2"'","capabilities":{},"clientInfo":{"name":"wrk","version":"1"}}}')
  session=$(tr -d '\r' <"$tmp/h" | awk -F': ' 'tolower($1)=="mcp-session-id"{print $2}')
  [[ "$status" == 200 && -n "$session" ]] || { echo "wrk.sh: initialize at $1 failed: HTTP $status" >&2; exit 1; }
  status=$(post "$1" "$2" "$session" '{"jsonrpc":"2.0","method":"notifications/initialized"}')
  [[ "$status" == 202 || "$status" == 200 ]] || { echo "wrk.sh: notifications/initialized: HTTP $status" >&2; exit 1; }
  echo "$session"
}
skip_reason() { # kind version -> why the kind does not serve that revision; fails if it does
  case "$1:$2" in
    sdk-modern:2026-07-28) return 1 ;;
    sdk-modern:*) echo "serves only the sessionless 2026-07-28 revision" ;;
    sdk:2026-07-28) echo "the SDK's session server answers 2026-07-28 with HTTP 400 (Session ID required); sdk-modern serves it" ;;
    *) return 1 ;;
  esac
}
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# The machine's total and stolen CPU ticks (all CPUs): steal is the time the hypervisor gave this VM's
# CPUs to others, which makes a slice slower for every server alike but not evenly in time.
machine_ticks() { awk '/^cpu /{t = 0; for (i = 2; i <= NF; i++) t += $i; print t, $9}' /proc/stat; }
run_wrk() { # kind version session seconds -> WRK-RESULT line
  wrk -t"$threads" -c"$connections" -d"${4}s" -s "$lua" "http://127.0.0.1:${port[$1]}/mcp" \
    -- "$2" "$3" | awk '/^WRK-RESULT/{$1=""; print substr($0, 2)}'
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

hz=$(getconf CLK_TCK)
{
  echo "# wrk: tools/call echo, $connections users, HTTP/1.1"
  echo
  echo "$(date -u '+%F %T') UTC, commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) CPUs;" \
    "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "Command: \`mcp-benchmarks/scripts/wrk.sh --servers $servers --revisions $revisions --connections $connections" \
    "--threads $threads --warmup $warmup --slice $slice --slices $slices\`${SERVER_JVM_OPTS:+ with SERVER_JVM_OPTS=\"$SERVER_JVM_OPTS\"}${WRK_LUA:+ with WRK_LUA=$WRK_LUA}"
} >"$report"

for v in "${versions[@]}"; do
  declare -A session=()
  run=() notes=()
  for k in "${kinds[@]}"; do
    if why=$(skip_reason "${base[$k]}" "$v"); then
      echo "skipping $k for $v: $why" >&2
      notes+=("$k not measured: $why.")
      continue
    fi
    run+=("$k")
  done
  for k in "${run[@]}"; do
    url="http://127.0.0.1:${port[$k]}/mcp"
    s=""
    [[ "$v" != 2026-07-28 ]] && s=$(open_session "$url" "$v")
    session[$k]=$s
    meta=""
    [[ "$v" == 2026-07-28 ]] && meta=',"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientInfo":{"name":"wrk","version":"1"},"io.modelcontextprotocol/clientCapabilities":{}}'
    status=$(post "$url" "$v" "$s" '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"message":"hello"}'"$meta"'}}')
    if [[ "$status" != 200 ]] || grep -q '"error"' "$tmp/b" || ! grep -q hello "$tmp/b"; then
      echo "wrk.sh: $k did not echo over $v: HTTP $status" >&2; cat "$tmp/b" >&2; exit 1
    fi
    echo "warming up $k ($v) for ${warmup}s" >&2
    run_wrk "$k" "$v" "$s" "$warmup" >/dev/null
  done
  declare -A req=() us=() cpu=() err=() p50s=() p99s=()
  for ((i = 0; i < slices; i++)); do
    n=${#run[@]}
    for ((j = 0; j < n; j++)); do
      k=${run[$(((i + j) % n))]}  # the order rotates, so no server always follows the same one
      before=$(ticks "${pid[$k]}")
      read -r total0 steal0 < <(machine_ticks)
      read -r r d p50 p99 p999 e < <(run_wrk "$k" "$v" "${session[$k]}" "$slice")
      after=$(ticks "${pid[$k]}")
      read -r total1 steal1 < <(machine_ticks)
      steal_pct=$(awk -v s=$((steal1 - steal0)) -v t=$((total1 - total0)) 'BEGIN{printf "%.1f", (t > 0 ? 100 * s / t : 0)}')
      steal_total=$((${steal_total:-0} + steal1 - steal0)); all_total=$((${all_total:-0} + total1 - total0))
      echo "$v $k slice=$i requests=$r duration_us=$d p50_us=$p50 p99_us=$p99 p999_us=$p999 errors=$e cpu_ticks=$((after - before)) load=$(cut -d' ' -f1 /proc/loadavg) steal_pct=$steal_pct" | tee -a "$raw" >&2
      req[$k]=$((${req[$k]:-0} + r)); us[$k]=$((${us[$k]:-0} + d))
      cpu[$k]=$((${cpu[$k]:-0} + after - before)); err[$k]=$((${err[$k]:-0} + e))
      p50s[$k]="${p50s[$k]:-} $p50"; p99s[$k]="${p99s[$k]:-} $p99"
    done
  done
  {
    echo
    echo "## Revision $v"
    echo
    for note in "${notes[@]}"; do echo "$note"; echo; done
  } >>"$report"
  [[ ${#run[@]} -gt 0 ]] || continue
  floor=${run[0]}
  for k in "${run[@]}"; do [[ "$k" == jetty ]] && floor=jetty; done
  {
    echo "| server | req/s | of the floor | server CPU per call | x the floor | p50 | p99 | p99 x the floor | errors |"
    echo "|---|---|---|---|---|---|---|---|---|"
    fr=$(awk -v r="${req[$floor]}" -v d="${us[$floor]}" 'BEGIN{print r * 1e6 / d}')
    fc=$(awk -v t="${cpu[$floor]}" -v r="${req[$floor]}" -v hz="$hz" 'BEGIN{print t * 1e6 / hz / r}')
    f99=$(tr ' ' '\n' <<<"${p99s[$floor]}" | grep . | median)
    for k in "${run[@]}"; do
      p50=$(tr ' ' '\n' <<<"${p50s[$k]}" | grep . | median)
      p99=$(tr ' ' '\n' <<<"${p99s[$k]}" | grep . | median)
      awk -v k="$k" -v r="${req[$k]}" -v d="${us[$k]}" -v t="${cpu[$k]}" -v hz="$hz" -v fr="$fr" \
        -v fc="$fc" -v p50="$p50" -v p99="$p99" -v f99="$f99" -v e="${err[$k]}" 'BEGIN {
          rps = r * 1e6 / d; c = t * 1e6 / hz / r
          printf "| %s | %.0f | %.0f%% | %.1f µs | %.2fx | %.2f ms | %.2f ms | %.2fx | %d |\n",
            k, rps, 100 * rps / fr, c, c / fc, p50 / 1000, p99 / 1000, p99 / f99, e }'
    done
  } >>"$report"
done
echo >>"$report"
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg). CPU stolen by the hypervisor during the slices: $(awk -v s="${steal_total:-0}" -v t="${all_total:-0}" 'BEGIN{printf "%.1f%%", (t > 0 ? 100 * s / t : 0)}') (each slice's in wrk-raw.txt; a few percent makes slices of one server differ more than the cuts being measured). Raw slices: wrk-raw.txt." >>"$report"
cat "$report"
