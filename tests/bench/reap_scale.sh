#!/usr/bin/env bash
# tests/bench/reap_scale.sh - a 10,000-process tree's reaps (issue 13: "a
# 10,000-process tree must work"); not part of make check: minutes of work.
#
# Usage: reap_scale.sh PROCTRACE REAP_MANY
#   REAP_MANY: tests/progs/reap_many (built by make check)
#
# reap_many forks REAP_N (10000) children that sleep on a pipe, closes it,
# and reaps them all.  Rows: untraced; traced with pidfd reaps (the default
# where the kernel has them); traced with PROCTRACE_NO_PIDFD=1 (wait4 stops).
# Each prints the wall time, its ratio to untraced, and for the traced rows
# the reaps in the log by how they were seen (pidfd, syscall, inferred),
# which must add up to REAP_N.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -euo pipefail

PT=${1:?usage: reap_scale.sh PROCTRACE REAP_MANY}
RM=${2:?usage: reap_scale.sh PROCTRACE REAP_MANY}
N=${REAP_N:-10000}
D=$(mktemp -d)
trap 'rm -rf "$D"' EXIT

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# row NAME CMD...: run CMD, print its time and ratio, check the reaps
base=0
row() {
	local name=$1 t0 t1 ms
	shift
	t0=$(now_ms)
	"$@" >"$D/out" 2>"$D/err" || { echo "$name: failed: $(head -n 3 "$D/err")"; return 1; }
	t1=$(now_ms)
	ms=$((t1 - t0))
	[ "$base" = 0 ] && base=$ms
	grep -qx "reaped=$N" "$D/out" || echo "$name: the parent reaped $(sed -n 's/^reaped=//p' "$D/out"), not $N"
	printf '%-22s %8d ms  %5.2fx' "$name" "$ms" "$(echo "$ms $base" | awk '{ print $1 / $2 }')"
	if [ -s "$D/log" ]; then
		jq -r -s '[.[] | select(.ev == "reap")] |
			"  reaps \(length): pidfd \(map(select(.via == "pidfd")) | length), " +
			"syscall \(map(select(.syscall != null)) | length), " +
			"inferred \(map(select(.inferred == true)) | length)"' "$D/log"
		rm -f "$D/log"
	else
		echo
	fi
}

echo "reap_scale: $N sleeping children woken at once and reaped ($(uname -r))"
row untraced "$RM" "$N"
row "traced, pidfd" "$PT" --json "$D/log" -o /dev/null -- "$RM" "$N"
row "traced, wait4 stops" env PROCTRACE_NO_PIDFD=1 \
	"$PT" --json "$D/log" -o /dev/null -- "$RM" "$N"
