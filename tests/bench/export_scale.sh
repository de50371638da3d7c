#!/usr/bin/env bash
# tests/bench/export_scale.sh - both exports of two big traces, measured
# (issue 11's "Done when" numbers; not part of make check: minutes of work).
#
# Usage: export_scale.sh PROCTRACE [SRC]
#
# Workloads, traced with `proctrace --json LOG`:
#   forks  a shell loop forking a subshell SCALE_FORKS (30,000) times in a
#          private pid namespace whose pid_max is lowered to 1000 (a per-
#          namespace pid_max: kernel 6.14+), so the pids wrap about 40 times;
#          without it, Debian's default pid_max of 32768 may wrap once.
#          Needs root (unshare --pid); skipped otherwise.
#   make   `make -j2` of a clean clone of SRC (default: the git repository
#          this script is in), after its autoreconf and configure.
# For each it prints: processes in the log (process incarnations: a
# non-thread clone each, plus each process seen without one), pids of the
# log reused by a later process, then for the Chrome JSON (export
# --perfetto) its process tracks, merged pids (tracks carrying more than one
# incarnation), dangling flows (a flow id without exactly one start and one
# finish, or an end with no slice of its category beginning there to bind
# to) and what tests/lib/perfetto_check.jq finds wrong; and for the native
# trace (export --pftrace, when this proctrace has it; "-" otherwise) its
# process tracks, merged (repeated) track uuids and dangling flows, read
# with `protoc --decode_raw` (field numbers of Perfetto's TracePacket);
# and the sizes of the JSON log, the Chrome JSON and the pftrace.
#
# Environment: SCALE_FORKS (30000), SCALE_WORKLOADS ("forks make"),
# SCALE_KEEP=1 keeps the temporary directory (its path is printed),
# SCALE_LOGS=DIR exports DIR/WORKLOAD.json instead of tracing anew.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -u -o pipefail
export LC_ALL=C

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	echo "usage: $0 PROCTRACE [SRC]" >&2
	exit 2
fi
PT=$(realpath "$1")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRC=${2:-$(git -C "$here" rev-parse --show-toplevel)}
CHECK=$here/../lib/perfetto_check.jq
FORKS=${SCALE_FORKS:-30000}
read -ra workloads <<<"${SCALE_WORKLOADS:-forks make}"
tmp=$(mktemp -d /tmp/export_scale.XXXXXX)
if [ "${SCALE_KEEP:-0}" = 1 ]; then
	echo "keeping $tmp" >&2
else
	trap 'rm -rf "$tmp"' EXIT
fi
has_pftrace=0
"$PT" export --help 2>&1 | grep -q -- '--pftrace' && has_pftrace=1

die() {
	echo "export_scale: $*" >&2
	exit 1
}

# trace_forks LOG: the fork loop, in a pid namespace with a low pid_max
trace_forks() {
	[ "$(id -u)" = 0 ] || { echo "forks: needs root (unshare --pid)" >&2; return 1; }
	unshare --pid --fork --mount-proc sh -c '
		echo 1000 >/proc/sys/kernel/pid_max 2>/dev/null ||
			echo "forks: no per-namespace pid_max" >&2
		exec "$0" --json "$1" -o /dev/null -- sh -c "
			i=0
			while [ \$i -lt $2 ]; do (:); i=\$((i + 1)); done"' \
		"$PT" "$1" "$FORKS"
}

# trace_make LOG: make -j2 of a clean clone of SRC
trace_make() {
	git clone -q "$SRC" "$tmp/src" || return 1
	(cd "$tmp/src" && autoreconf -fi >/dev/null 2>&1 &&
		./configure >/dev/null) || return 1
	(cd "$tmp/src" && "$PT" --json "$1" -o /dev/null -- make -j2 >/dev/null)
}

# log_counts LOG: "processes reused_pids" of the log
log_counts() {
	jq -n -r '[inputs | select(.ev != "start" and .ev != "end")] as $l |
		[$l[] | select(.ev == "clone" and .thread == false) | .child_pid] as $c |
		([$c[], ($l[] | select(.ev != "reap") | .pid)] | unique) as $pids |
		($c | map({key: tostring, value: true}) | from_entries) as $cs |
		(($c | length) + ($pids | map(select($cs[tostring] | not)) | length)) as $n |
		($c | group_by(.) | map(select(length > 1)) | length) as $reused |
		"\($n) \($reused)"' "$1"
}

# chrome_counts TRACE LOG: "tracks merged dangling problems" of a Chrome
# JSON, from one pass of perfetto_check.jq (its lines name the rule broken)
chrome_counts() {
	local tracks

	jq -r --slurpfile log "$2" -f "$CHECK" "$1" >"$tmp/check.out" ||
		die "perfetto_check.jq failed on $1"
	tracks=$(jq '.traceEvents as $e |
		([$e[] | select(.ph == "C") | .pid] | unique) as $counters |
		[$e[] | select(.ph == "M" and .name == "process_name" and
			(.pid | IN($counters[]) | not))] | length' "$1")
	echo "$tracks" \
		"$(grep -c 'share a track\|life slices' "$tmp/check.out")" \
		"$(grep -c '^flow ' "$tmp/check.out")" \
		"$(wc -l <"$tmp/check.out")"
}

# pftrace_counts PFTRACE: "tracks merged dangling", from the raw decode:
# Trace.packet 1, TracePacket.track_descriptor 60 (uuid 1, name 2: a
# process track is named "pid N"), TracePacket.track_event 11 (flow_ids
# 47, terminating_flow_ids 48)
pftrace_counts() {
	protoc --decode_raw <"$1" | awk '
		/{$/ { path = path "/" $1; next }
		/^ *}$/ { sub(/\/[^\/]*$/, "", path); next }
		{
			f = $1; sub(/:$/, "", f); v = $2
			if (path "/" f == "/1/60/2" && v == "\"pid") procs++
			if (path "/" f == "/1/60/1") uuid[v]++
			else if (path "/" f == "/1/11/47") from[v]++
			else if (path "/" f == "/1/11/48") to[v]++
		}
		END {
			for (u in uuid) if (uuid[u] > 1) merged++
			for (i in from) if (from[i] != 1 || to[i] != 1) dangling++
			for (i in to) if (!(i in from)) dangling++
			printf "%d %d %d\n", procs, merged, dangling
		}'
}

size() { stat -c %s "$1"; }

printf '%-6s %9s %7s | %7s %6s %8s %8s | %7s %6s %8s | %11s %11s %11s\n' \
	workload procs reused tracks merged dangling problems \
	pf.trk pf.mrg pf.dang log.bytes chrome.bytes pftrace.bytes
for w in "${workloads[@]}"; do
	log=$tmp/$w.json
	if [ -n "${SCALE_LOGS:-}" ]; then
		cp "$SCALE_LOGS/$w.json" "$log" || die "no $SCALE_LOGS/$w.json"
	else case $w in
	forks) trace_forks "$log" || { echo "$w: not traced" >&2; continue; } ;;
	make) trace_make "$log" || die "make: the clone, configure or make failed" ;;
	*) die "unknown workload $w" ;;
	esac fi
	"$PT" export --perfetto "$log" -o "$tmp/$w.chrome.json" ||
		die "$w: export --perfetto failed"
	read -r procs reused <<<"$(log_counts "$log")"
	read -r tracks merged dangling problems <<<"$(chrome_counts "$tmp/$w.chrome.json" "$log")"
	pf="- - -" pfsize=-
	if [ "$has_pftrace" = 1 ]; then
		"$PT" export --pftrace "$log" -o "$tmp/$w.pftrace" ||
			die "$w: export --pftrace failed"
		pf=$(pftrace_counts "$tmp/$w.pftrace")
		pfsize=$(size "$tmp/$w.pftrace")
	fi
	read -r pftracks pfmerged pfdangling <<<"$pf"
	printf '%-6s %9s %7s | %7s %6s %8s %8s | %7s %6s %8s | %11s %11s %11s\n' \
		"$w" "$procs" "$reused" "$tracks" "$merged" "$dangling" "$problems" \
		"$pftracks" "$pfmerged" "$pfdangling" \
		"$(size "$log")" "$(size "$tmp/$w.chrome.json")" "$pfsize"
done
