#!/usr/bin/env bash
# tests/bench/plt.sh - cost of one traced PLT call: proctrace --plt next to ltrace.
#
# Usage: plt.sh PROCTRACE     (run.sh calls it; or by hand)
#
# Workload: tests/progs/plt_calls.c built as a lazy PIE, "bench N" making N
# atoi calls through the PLT.  Configurations, each the median of REPS runs:
#   untraced     N = 1,000,000
#   proctrace    proctrace --plt --json FILE  (N = 1,000,000)
#   ltrace       ltrace -o /dev/null -e atoi  (N = 20,000: ltrace single-steps
#                every call; its time is scaled to N)
# Per-call cost = (traced - untraced) / N, in microseconds.  The table is
# made free and then pinned (taskset -c 0: tracer and tracee on one CPU).
set -u -o pipefail
export LC_ALL=C

if [ $# -ne 1 ]; then
	echo "usage: $0 PROCTRACE" >&2
	exit 2
fi
PT=$1
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
N=${PLT_BENCH_N:-1000000}
NL=${PLT_BENCH_NL:-20000}
REPS=${PLT_BENCH_REPS:-3}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ptbench-plt.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

cc -O2 -fno-builtin -D__NO_INLINE__ -fPIE -pie -Wl,-z,lazy \
	-o "$tmp/plt_calls" "$here/../progs/plt_calls.c" || exit 1

# seconds (float) of one run of "$@"
timed() {
	local t0 t1
	t0=$(date +%s%N)
	"$@" >/dev/null 2>&1 </dev/null
	t1=$(date +%s%N)
	echo "$(( t1 - t0 ))"
}

median() {
	sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

run_config() {	# pin config -> median ns
	local pin=$1 cfg=$2 i
	local pre=()
	[ "$pin" = pinned ] && pre=(taskset -c 0)
	for ((i = 0; i < REPS; i++)); do
		case $cfg in
		untraced) timed "${pre[@]}" "$tmp/plt_calls" bench "$N" ;;
		untraced_l) timed "${pre[@]}" "$tmp/plt_calls" bench "$NL" ;;
		proctrace) timed "${pre[@]}" "$PT" --plt --json "$tmp/log.json" -- \
			"$tmp/plt_calls" bench "$N" ;;
		ltrace) timed "${pre[@]}" ltrace -o /dev/null -e atoi \
			"$tmp/plt_calls" bench "$NL" ;;
		esac
	done | median
}

have_ltrace=0
command -v ltrace >/dev/null && have_ltrace=1
# pt/ltrace: proctrace's per-call cost over ltrace's; issue 13's target 0.20
printf '%-8s %12s %14s %12s %14s %12s %10s  %s\n' pass untraced_s proctrace_s us/call \
	ltrace_s us/call pt/ltrace target
for pass in ${PLT_BENCH_PASSES:-free pinned}; do
	u=$(run_config "$pass" untraced)
	p=$(run_config "$pass" proctrace)
	# the log must hold N atoi calls, or the number means nothing
	got=$(grep -c '"symbol":"atoi"' "$tmp/log.json")
	[ "$got" = "$N" ] || echo "warning: log has $got atoi calls, not $N" >&2
	lt=- lc=-
	if [ $have_ltrace = 1 ]; then
		ul=$(run_config "$pass" untraced_l)
		l=$(run_config "$pass" ltrace)
		lt=$(awk -v l="$l" -v n="$N" -v nl="$NL" 'BEGIN { printf "%.2f", l / 1e9 * n / nl }')
		lc=$(awk -v l="$l" -v u="$ul" -v nl="$NL" 'BEGIN { printf "%.2f", (l - u) / 1e3 / nl }')
	fi
	awk -v pass="$pass" -v u="$u" -v p="$p" -v n="$N" -v lt="$lt" -v lc="$lc" 'BEGIN {
		pc = (p - u) / 1e3 / n
		vs = lc == "-" || lc <= 0 ? "-" : sprintf("%.2fx", pc / lc)
		printf "%-8s %12.3f %14.3f %12.2f %14s %12s %10s  %s\n", pass, u / 1e9,
			p / 1e9, pc, lt, lc, vs, "<=0.20x" }'
done
echo "(ltrace ran $NL calls, its seconds scaled to $N)"
