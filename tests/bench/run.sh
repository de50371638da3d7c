#!/usr/bin/env bash
# tests/bench/run.sh - proctrace's overhead next to strace's, on nine workloads.
#
# Usage: run.sh PROCTRACE            (what `make bench` runs)
#
# Workloads (built in a temporary directory, removed at the end):
#   W1  a shell loop running /bin/true 2,000 times  (fork/exec/wait heavy)
#   W2  dd bs=1 count=500000                        (1M syscalls, no processes)
#   W3  5,000 threads created and joined            (threads.c)
#   W4  make -j2 of a generated 40-file C project   (a real process tree)
#   W5  dd running ~1 s, attached with -p just after it starts
#   W6  two processes sending each other SIGUSR1 5,000 times (stops_work.c)
#   W7  W1's loop, 300 times, with call stacks: proctrace --stack next to
#       strace -f -k -e trace=process,signal (in the strace-seccomp column)
#   W8  W1's loop run by bash, attached with -p before its first iteration;
#       timed from inside (bash's EPOCHREALTIME), reaps counted by kind
#   W9  W1's loop beside 10,000 sleeping children (sleepers.c), all traced;
#       the loop alone is timed (BENCH_SLEEPERS changes the 10,000)
# Configurations, run alternately (one of each, then the next repetition) so
# drift of the machine spreads over all of them:
#   untraced        the workload alone
#   proctrace       proctrace --json FILE -- ...       (default events)
#   pt-noseccomp    proctrace --no-seccomp --json FILE -- ...   (W2 only)
#   strace-seccomp  strace -f --seccomp-bpf -e "trace=process,signal" -o /dev/null
#   strace-full     strace -f -o /dev/null
# For W5 the tracer attaches to the running dd (proctrace -p): strace has no
# stop-free attach mode (strace -p stops at every syscall, see W2), so its
# columns stay empty. Each cell is the median of 5 runs (3 for W1 and W4),
# as a ratio to the untraced median. The table is made twice: free, then with
# every process pinned to CPU 0 (taskset -c 0), where tracer and tracee
# cannot run in parallel.
# Next to each proctrace ratio, in parentheses: the ptrace stops the tracer
# counted (its end event's "stops") per unit of work: per iteration (W1),
# per process (W4), per thread (W3), per round trip (W6), in all (W2, W5).
# A stop costs tens of microseconds anywhere: unlike the ratios, the count
# does not drift with the machine's load.
# Two columns close each row: pt/strace, the proctrace time over the
# strace-seccomp time of the same run (W7: over strace -k), and target,
# issue 13's goal for the row (stops per unit, ratio to strace; W9: its
# proctrace ratio over W1's, the cost of 10,000 idle tracees), with what
# W8 adds (its reaps seen by pidfd, out of all).
#
# Environment, for quicker runs while developing:
#   BENCH_CONFIGS  configurations to run (default: all five)
#   BENCH_REPS     repetitions for every workload
#   BENCH_PASSES   "free pinned" (default), or just one of them
#   BENCH_WORKLOADS  which rows (default: W1 to W9; W9 needs W1 for its target),
#                    and PLT, REPLAY for the two tables after them (default:
#                    both; named rows alone leave them out unless listed)
#   BENCH_SLEEPERS   W9's idle children (default 10000)
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"	# make's $(SHELL) may be sh
set -u -o pipefail
export LC_ALL=C

if [ $# -ne 1 ]; then
	echo "usage: $0 PROCTRACE" >&2
	exit 2
fi
PT=$1
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
read -ra configs <<<"${BENCH_CONFIGS:-untraced proctrace pt-noseccomp strace-seccomp strace-full}"
read -ra passes <<<"${BENCH_PASSES:-free pinned}"
read -ra workloads <<<"${BENCH_WORKLOADS:-W1 W2 W3 W4 W5 W6 W7 W8 W9 PLT REPLAY}"
rows=() # the main table's rows: the chosen W1..W9
for w in "${workloads[@]}"; do
	case $w in
	W[1-9]) rows+=("$w") ;;
	PLT | REPLAY) ;;
	*)
		echo "bench: unknown workload '$w' (W1..W9, PLT, REPLAY)" >&2
		exit 2
		;;
	esac
done
SLEEPERS=${BENCH_SLEEPERS:-10000}
declare -A title=(
	[W1]="W1 2000 x /bin/true"
	[W2]="W2 dd bs=1 500k"
	[W3]="W3 5000 threads"
	[W4]="W4 make -j2, 40 files"
	[W5]="W5 dd, attach -p"
	[W6]="W6 5000 SIGUSR1 trips"
	[W7]="W7 300 x true, stacks"
	[W8]="W8 W1 loop, attach -p"
	[W9]="W9 W1 + $SLEEPERS idle"
)
declare -A reps=([W1]=3 [W2]=5 [W3]=5 [W4]=3 [W5]=5 [W6]=5 [W7]=3 [W8]=3 [W9]=1)
# The units the stops are counted in (1: the whole run).
declare -A units=([W1]=2000 [W2]=1 [W3]=5000 [W4]=processes [W5]=1 [W6]=5000
	[W7]=300 [W8]=2000 [W9]=2000)
# Issue 13's targets: stops per unit, then the ratio to strace-seccomp.
declare -A target=(
	[W1]="<=5, <=0.6x"
	[W2]="0, <=1.0x"
	[W3]="2, <=0.35x"
	[W4]="<=8, <=0.7x"
	[W5]="0"
	[W6]="<=4, <=0.4x"
	[W7]="<=0.10x"
	[W8]="<=4, exact reaps"
	[W9]="<=1.10 of W1"
)
W2_COUNT=500000
W2_CAPPED=20000	# strace-full on W2 runs this many bytes, scaled up

die() {
	echo "bench: $*" >&2
	exit 1
}

# Is $1 one of the words after it?
listed() {
	local w=$1 x
	shift
	for x; do
		[ "$x" = "$w" ] && return 0
	done
	return 1
}

# Is configuration $1 chosen?  Is table $1 (PLT, REPLAY) chosen?
uses() { listed "$1" "${configs[@]}"; }
wants() { listed "$1" "${workloads[@]}"; }

# Does configuration $2 apply to workload $1?
applies() {
	uses "$2" || return 1
	case "$1:$2" in
	W[58]:untraced | W[58]:proctrace) return 0 ;;
	W[58]:*) return 1 ;;
	*:pt-noseccomp) [ "$1" = W2 ] ;;
	W[79]:strace-full) return 1 ;;
	*) return 0 ;;
	esac
}

if uses proctrace || uses pt-noseccomp; then
	[ -x "$PT" ] || die "$PT: not an executable"
fi
if uses strace-seccomp || uses strace-full; then
	command -v strace >/dev/null || die "strace not found"
fi
command -v cc >/dev/null || die "cc not found"
command -v taskset >/dev/null || die "taskset not found (util-linux)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/proctrace-bench.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

# ---- the workloads ----
cc -O2 -pthread -o "$tmp/threads" "$here/threads.c" ||
	die "cannot build threads.c"
# W6 is one of the test programs; its config.h is in the build directory.
cc -O2 -pthread -I"$(dirname "$PT")" -o "$tmp/stops_work" \
	"$here/../progs/stops_work.c" || die "cannot build stops_work.c"
cc -O2 -o "$tmp/sleepers" "$here/sleepers.c" || die "cannot build sleepers.c"
# W8's bash waits for the tracer on a fifo it holds open (no fork per poll).
mkfifo "$tmp/fifo" || die "cannot make a fifo in $tmp"

# W4: 40 small translation units and a main calling each of them.
proj=$tmp/proj
mkdir "$proj"
for i in $(seq 1 40); do
	cat >"$proj/f$i.c" <<EOF
#include <string.h>
int f$i(const char *s);
int f$i(const char *s)
{
	int n = 0;

	while (*s)
		n += *s++ * $i;
	return n + (int)strlen("$i");
}
EOF
	echo "int f$i(const char *s);" >>"$proj/f.h"
done
{
	echo '#include "f.h"'
	echo 'int main(void)'
	echo '{'
	echo '	int n = 0;'
	for i in $(seq 1 40); do
		echo "	n += f$i(\"x\");"
	done
	echo '	return n == 0;'
	echo '}'
} >"$proj/main.c"
echo "OBJS = main.o $(printf 'f%d.o ' $(seq 1 40))" >"$proj/Makefile"
cat >>"$proj/Makefile" <<'EOF'
prog: $(OBJS)
	$(CC) -o $@ $(OBJS)
%.o: %.c f.h
	$(CC) -O2 -c -o $@ $<
clean:
	rm -f prog *.o
EOF

# W5: enough bytes for dd to run about a second untraced.
calibrate_dd() {
	local n=200000 t0 t1
	t0=${EPOCHREALTIME//[!0-9]/}
	dd if=/dev/zero of=/dev/null bs=1 count=$n 2>/dev/null
	t1=${EPOCHREALTIME//[!0-9]/}
	W5_COUNT=$((n * 1000000 / (t1 - t0 + 1)))
}
calibrate_dd

# workload_cmd W CFG: the command line of workload W, in array cmd.
# shellcheck disable=SC2016 # the loops are for sh to expand
loop2000='i=0; while [ $i -lt 2000 ]; do /bin/true; i=$((i+1)); done'
# shellcheck disable=SC2016
loop300='i=0; while [ $i -lt 300 ]; do /bin/true; i=$((i+1)); done'
workload_cmd() {
	case $1 in
	W1) cmd=(sh -c "$loop2000") ;;
	W7) cmd=(sh -c "$loop300") ;;
	W9) cmd=("$tmp/sleepers" "$SLEEPERS" sh -c "$loop2000") ;;
	W2)
		local count=$W2_COUNT
		[ "$2" = strace-full ] && count=$W2_CAPPED
		cmd=(dd if=/dev/zero of=/dev/null bs=1 "count=$count")
		;;
	W3) cmd=("$tmp/threads") ;;
	W4) cmd=(make -s -j2 -C "$proj" prog) ;;
	W6) cmd=("$tmp/stops_work" pingpong "${units[W6]}") ;;
	esac
}

# tracer_cmd CFG W: the tracer's part of the command line, in array pre.
tracer_cmd() {
	case $1:$2 in
	untraced:*) pre=() ;;
	proctrace:W7) pre=("$PT" --stack --json "$tmp/log.json" --) ;;
	strace-seccomp:W7)
		pre=(strace -f -k -e "trace=process,signal" -o /dev/null)
		;;
	proctrace:*) pre=("$PT" --json "$tmp/log.json" --) ;;
	pt-noseccomp:*) pre=("$PT" --no-seccomp --json "$tmp/log.json" --) ;;
	strace-seccomp:*)
		pre=(strace -f --seccomp-bpf -e "trace=process,signal" -o /dev/null)
		;;
	strace-full:*) pre=(strace -f -o /dev/null) ;;
	esac
}

# attach_loop_run CFG: W8. bash waits until it is traced (untraced: not at
# all), then runs W1's loop and writes its own time; sets dt (microseconds).
attach_loop_run() {
	local sh_pid tr_pid rc
	# shellcheck disable=SC2016 # for bash to expand
	bash -c 'exec 9<>"$1"
		if [ "$2" = wait ]; then
			until grep -q "^TracerPid:[[:space:]]*[1-9]" /proc/$$/status; do
				read -r -t 0.01 -u 9
			done
		fi
		t0=${EPOCHREALTIME/./}
		i=0; while [ $i -lt 2000 ]; do /bin/true; i=$((i+1)); done
		t1=${EPOCHREALTIME/./}
		echo $((t1 - t0)) >"$3"' bash "$tmp/fifo" 		"$([ "$1" = proctrace ] && echo wait)" "$tmp/dt" &
	sh_pid=$!
	if [ "$1" = proctrace ]; then
		"$PT" --json "$tmp/log.json" -p "$sh_pid" 2>"$tmp/err" &
		tr_pid=$!
	fi
	wait "$sh_pid"
	rc=$?
	dt=$(cat "$tmp/dt" 2>/dev/null)
	[ -n "${tr_pid:-}" ] && { wait "$tr_pid" || rc=1; }
	[ -n "$dt" ] || rc=1
	return "$rc"
}

# attach_run CFG: W5. Start dd, attach the tracer right away, time dd from
# its start to its end. Sets dt (microseconds).
attach_run() {
	local t0 t1 dd_pid tr_pid rc i
	t0=${EPOCHREALTIME//[!0-9]/}
	dd if=/dev/zero of=/dev/null bs=1 count="$W5_COUNT" 2>/dev/null &
	dd_pid=$!
	if [ "$1" = proctrace ]; then
		"$PT" --json "$tmp/log.json" -p "$dd_pid" 2>"$tmp/err" &
		tr_pid=$!
	fi
	wait "$dd_pid"
	rc=$?
	t1=${EPOCHREALTIME//[!0-9]/}
	dt=$((t1 - t0))
	[ -n "${tr_pid:-}" ] || return "$rc"
	# proctrace ends when its last tracee is gone; give it 5 s.
	for i in $(seq 50); do
		kill -0 "$tr_pid" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$tr_pid" 2>/dev/null; then
		echo "bench: proctrace -p did not exit after dd ended" >>"$tmp/err"
		kill -INT "$tr_pid"
		wait "$tr_pid"
		return 1
	fi
	wait "$tr_pid" || return 1
	return "$rc"
}

# run_once W CFG: one timed run; sets dt (microseconds, scaled for capped
# runs); returns non-zero if the workload or the tracer failed.
run_once() {
	local w=$1 cfg=$2 t0 t1 rc
	local -a cmd pre
	: >"$tmp/err"
	case $w in
	W5)
		attach_run "$cfg"
		return
		;;
	W8)
		attach_loop_run "$cfg"
		return
		;;
	esac
	workload_cmd "$w" "$cfg"
	tracer_cmd "$cfg" "$w"
	[ "$w" = W4 ] && make -s -C "$proj" clean
	t0=${EPOCHREALTIME//[!0-9]/}
	"${pre[@]}" "${cmd[@]}" >"$tmp/out" 2>>"$tmp/err"
	rc=$?
	t1=${EPOCHREALTIME//[!0-9]/}
	dt=$((t1 - t0))
	[ "$w:$cfg" = W2:strace-full ] && dt=$((dt * W2_COUNT / W2_CAPPED))
	# W9: the loop's own time, without the sleepers' forks and reaps
	if [ "$w" = W9 ]; then
		dt=$(sed -n 's/^cmd_us=//p' "$tmp/out")
		[ -n "$dt" ] || rc=1
	fi
	return "$rc"
}

# stops_per_unit W: from the log of the run just made, the tracer's stops
# per unit of work of W (printed with one decimal; "?" without a count).
stops_per_unit() {
	local n=${units[$1]} stops
	stops=$(tail -n 1 "$tmp/log.json" | sed -n 's/.*"stops":\([0-9]*\).*/\1/p')
	[ -n "$stops" ] || {
		echo "?"
		return
	}
	# A process is the command or a child of a clone that is no thread.
	[ "$n" = processes ] &&
		n=$(($(grep -c '"ev":"clone".*"thread":false' "$tmp/log.json") + 1))
	awk -v s="$stops" -v n="$n" 'BEGIN { printf "%.1f", s / n }'
}

median() {
	printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 }
		END { if (NR % 2) print v[(NR + 1) / 2];
		      else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

# stops_cell COUNTS...: " (median)" of the runs' stops per unit, or "".
stops_cell() {
	[ $# -gt 0 ] || return 0
	case " $* " in
	*" ? "*) echo " (?)" ;;
	*) printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 }
		END { printf " (%s)", v[int((NR + 1) / 2)] }' ;;
	esac
}

# reaps_seen: of the last log's reaps, "P/N pidfd" (P seen by pidfd).
reaps_seen() {
	echo "$(grep -c '"ev":"reap".*"via":"pidfd"' "$tmp/log.json")/$(grep -c '"ev":"reap"' "$tmp/log.json") pidfd"
}

# ratio_of W CFG: the median time of W in CFG over W's untraced median
# (empty if either is missing), from the arrays of table().
ratio_of() {
	local a=${times[$1:$2]:-} b=${times[$1:untraced]:-}
	[ -n "$a" ] && [ -n "$b" ] || return 0
	# shellcheck disable=SC2086
	awk -v a="$(median $a)" -v b="$(median $b)" 'BEGIN { printf "%.4f", a / b }'
}

# closing_cells W: the row's pt/strace and target columns.
closing_cells() {
	local w=$1 p s r1 r9 vs="-" tgt=${target[$1]}
	p=${times[$w:proctrace]:-} s=${times[$w:strace-seccomp]:-}
	if [ -n "$p" ] && [ -n "$s" ] && [ -z "${failed[$w:proctrace]:-}" ] &&
		[ -z "${failed[$w:strace-seccomp]:-}" ]; then
		# shellcheck disable=SC2086
		vs=$(awk -v a="$(median $p)" -v b="$(median $s)" \
			'BEGIN { printf "%.2fx", a / b }')
	fi
	if [ "$w" = W9 ]; then
		r1=$(ratio_of W1 proctrace) r9=$(ratio_of W9 proctrace)
		[ -n "$r1" ] && [ -n "$r9" ] &&
			tgt="$tgt: $(awk -v a="$r9" -v b="$r1" 'BEGIN { printf "%.2f", a / b }')"
	fi
	[ -n "${extra[$w:proctrace]:-}" ] && tgt="$tgt: ${extra[$w:proctrace]}"
	printf '%12s  %s' "$vs" "$tgt"
}

# table PASS: run every workload in every configuration, print the ratios.
table() {
	local pass=$1 w cfg r dt key
	declare -A times=() failed=() stops=() extra=()

	for w in "${rows[@]}"; do
		for ((r = 1; r <= ${BENCH_REPS:-${reps[$w]}}; r++)); do
			for cfg in "${configs[@]}"; do
				applies "$w" "$cfg" || continue
				key=$w:$cfg
				[ -n "${failed[$key]:-}" ] && continue
				if run_once "$w" "$cfg"; then
					times[$key]+=" $dt"
					case $cfg in
					proctrace | pt-noseccomp)
						# W9's stops are mostly the sleepers' own
						[ "$w" = W9 ] ||
							stops[$key]+=" $(stops_per_unit "$w")"
						[ "$w" = W8 ] && extra[$key]=$(reaps_seen)
						;;
					esac
				else
					failed[$key]=1
					echo "bench: $w $cfg failed:" >&2
					head -n 5 "$tmp/err" >&2
				fi
			done
		done
	done

	echo
	echo "Median wall time, ratio to untraced ($pass);" \
		"(N): ptrace stops per unit of work"
	printf '%-24s' workload
	for cfg in "${configs[@]}"; do
		printf '%16s' "$cfg"
	done
	printf '%12s  %s\n' pt/strace target
	for w in "${rows[@]}"; do
		local base=""
		# shellcheck disable=SC2086
		[ -n "${times[$w:untraced]:-}" ] &&
			base=$(median ${times[$w:untraced]})
		printf '%-24s' "${title[$w]}"
		for cfg in "${configs[@]}"; do
			key=$w:$cfg
			if ! applies "$w" "$cfg"; then
				printf '%16s' -
			elif [ -n "${failed[$key]:-}" ]; then
				printf '%16s' failed
			elif [ "$cfg" = untraced ]; then
				printf '%16s' "$(awk -v t="$base" \
					'BEGIN { printf "1.00 (%.2fs)", t / 1e6 }')"
			elif [ -z "$base" ]; then
				# shellcheck disable=SC2086
				printf '%16s' "$(awk -v t="$(median ${times[$key]})" \
					'BEGIN { printf "%.2fs", t / 1e6 }')"
			else
				# shellcheck disable=SC2086
				printf '%16s' "$(awk -v t="$(median ${times[$key]})" \
					-v b="$base" -v m="$([ "$key" = W2:strace-full ] && echo '*')" \
					-v s="$(stops_cell ${stops[$key]:-})" \
					'BEGIN { printf "%.2f%s%s", t / b, m, s }')"
			fi
		done
		closing_cells "$w"
		echo
	done
}

echo "proctrace bench: $(nproc) CPUs, kernel $(uname -r)," \
	"$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
uses proctrace && echo "tracer: $("$PT" -V 2>&1 | head -n 1)"
command -v strace >/dev/null && echo "strace: $(strace -V | head -n 1)"
echo "W5 dd count: $W5_COUNT (about 1 s untraced)"

start=$SECONDS
for pass in "${passes[@]}"; do
	case $pass in
	free) table "not pinned" ;;
	pinned)
		# Pin this shell; every process it starts inherits the mask.
		mask=$(taskset -p $$ | sed 's/.*: //')
		taskset -pc 0 $$ >/dev/null
		table "all processes on CPU 0: taskset -c 0"
		taskset -p "$mask" $$ >/dev/null
		;;
	*) die "unknown pass '$pass' (free, pinned)" ;;
	esac
done
echo
if uses strace-full; then
	echo "* W2 strace-full ran count=$W2_CAPPED and was scaled by" \
		"$((W2_COUNT / W2_CAPPED)) (an upper estimate: start-up is scaled too)."
fi
echo "W5: strace -p has no stop-free mode (it stops at every syscall, like" \
	"W2 strace-full), so W5 has proctrace only."
echo "bench took $((SECONDS - start)) s"
# PLT calls are measured per call, in a table of their own.
if uses proctrace && wants PLT && [ -f "$here/plt.sh" ]; then
	PLT_BENCH_PASSES=${PLT_BENCH_PASSES:-${passes[*]}} \
		bash "$here/plt.sh" "$PT"
fi

# Replay back-steps (the b key held) on a 100,000-event log traced here
# (20,000 fork+exec of /bin/true, about 5 events each; a minute or two).
steps="$(dirname "$PT")/tests/bench/replay_steps"
if uses proctrace && wants REPLAY && [ -x "$steps" ]; then
	echo
	rlog=$(mktemp /tmp/replay_bench.XXXXXX)
	if "$PT" --json "$rlog" -o /dev/null sh -c \
		'i=0; while [ $i -lt 20000 ]; do /bin/true; i=$((i+1)); done'; then
		"$steps" "$rlog"
	else
		echo "bench: replay log trace failed" >&2
	fi
	rm -f "$rlog"
fi
