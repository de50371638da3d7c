# scenario.sh - one real workload through every output of proctrace (sourced by tests/scenarios/*.test).
#
# A scenario file says what to run and what must be true of it; this file
# runs it through every output and checks each one (a "cell"):
#
#	. "$(dirname "$TESTLIB")/scenario.sh"
#	SC_NAME=sh			# a word the TUI's tree must show
#	sc_cmd() { "$@" sh -c '...'; }	# the command, after the launcher "$@"
#	sc_facts() { jq_assert ...; }	# the scenario's own facts, on $LOG
#	scenario_run
#
# Launch mode (the default): the command runs untraced first; its exit
# status (and, with SC_SAME_OUT=1, its output) is what every traced run must
# give.  Cells:
#   json      --json LOG -o TXT (the recording): status, end.exit_code,
#             check_schema, the generic facts below, sc_facts
#   text      TXT of that run: every line an event line, the command's exit
#             line, as many exit and reap lines as the log has events
#   summary   a live --summary=full -o run (every row): status, and the table agrees with the
#             event lines above it (one row per process, same exit status)
#   replay-text     replay --text LOG: exactly TXT
#   replay-summary  replay --summary LOG: TXT, then a table as above
#   perfetto  export --perfetto LOG: perfetto_check.jq finds nothing wrong
#   pftrace   export --pftrace LOG: protoc decodes it, pftrace_check.awk
#             finds nothing wrong, a track per process and thread of the log
#   tui       --tui in tmux: shows the command's row and "trace over", q
#             quits with the command's status; its log passes json's checks
# Attach mode (SC_MODE=attach): sc_start starts the target and sets SC_PID;
# sc_ready is a filter of events to wait for before SIGINT (or q) detaches;
# after each run the target must run on untraced; sc_stop ends it.
#
# Every cell runs in a subshell: a failed check fails that cell, and the test
# reports the whole row ("MATRIX name cell=pass|FAIL|skip ...") before it
# fails.  SC_PT_OPTS: extra proctrace options for every run (e.g. --plt).
# Sanitizer reports on proctrace's stderr fail the cell they appear in.

. "$TESTLIB"
SC_LIB=$(dirname "$TESTLIB")
SC_MODE=${SC_MODE:-launch}
SC_PT_OPTS=${SC_PT_OPTS:-}
SC_SAME_OUT=${SC_SAME_OUT:-0}
SC_TIMEOUT=${SC_TIMEOUT:-60}
SC_PID=
URC=
_SC_TMUX=
if command -v tmux >/dev/null 2>&1; then
	. "$SC_LIB/../tui_lib.sh"
	_SC_TMUX=1
fi
cd "$T" || exit 99

sc_facts() { :; }
sc_untraced_ok() { :; }		# e.g. skip when the untraced run lacks a capability
sc_alive() { :; }		# attach: the target still makes progress
sc_ready='select(.ev == "attach")'	# attach: SC_READY_N such events, then detach
SC_READY_N=${SC_READY_N:-1}

# ---------------------------------------------------------------- checks
# _sc_no_sanitizer FILE: no ASan/UBSan/LSan report in proctrace's stderr.
_sc_no_sanitizer() {
	if grep -qE 'runtime error:|AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer' \
		"$1" 2>/dev/null; then
		fail "sanitizer report on stderr: $(grep -m 3 -E 'runtime error:|Sanitizer' "$1")"
	fi
}

# _sc_status: proctrace's status $RC is what the command gives untraced
# (attach mode: 0); never a crash of proctrace itself.
_sc_status() {
	_want=0
	[ "$SC_MODE" = launch ] && _want=$URC
	[ "$RC" = "$_want" ] && return 0
	[ "$RC" -ge 128 ] && [ "$RC" != "$_want" ] &&
		fail "$1: proctrace died or was killed: status $RC (untraced: $_want)"
	fail "$1: exit status $RC, untraced $_want"
}

# _sc_root: pid of the launched command (its first event), from $LOG.
_sc_root() {
	jq -n -r 'first(inputs | select(.ev != "start") | .pid) // empty' "$LOG"
}

# jq on the slurped log: one line per generic fact that does not hold
# ($mode launch/attach, $urc the untraced status).
_SC_FACTS_JQ='
def kids: [.[] | select(.ev == "clone" and .thread == false) | .child_pid];
def count($x): map(select(. == $x)) | length;
kids as $kids |
[.[] | select(.ev == "exit" and .group)] as $exits |
(first(.[] | select(.ev != "start") | .pid) // null) as $root |
(if $mode == "launch" then
   (if .[-1].exit_code != $urc then
      "end.exit_code \(.[-1].exit_code) is not the untraced status \($urc)" else empty end),
   ($root as $r | [.[] | select(.ev == "reap") | .child_pid] - $kids - [$r] |
      if length > 0 then "reaped pids that are no traced process (clone child or the command): \(unique)"
      else empty end),
   # an inferred clone names the PPid at the first stop of the child: the adopter
   # (init, a subreaper) when the parent died inside fork (proctrace-events(5))
   ([.[] | select(.ev != "start" and .ev != "end" and .ev != "reap" and
      (.ev != "clone" or (.inferred | not)) and .pid != $root) | .pid] -
      $kids | if length > 0 then "processes without a clone event (parent link): \(unique)"
      else empty end),
   ([$exits[] | .pid] as $ex |
      ($ex | count($root)) as $n | if $n != 1 then "the command exits \($n) times, not once"
      else empty end,
      ($kids | group_by(.)[] | .[0] as $k | length as $n | ($ex | count($k)) as $e |
       if $e != $n then "child \($k): \($e) exits for \($n) clones (the tree must end)"
       else empty end))
 else
   (if .[-1].exit_code != null then "attach mode: end.exit_code not null" else empty end)
 end),
([.[] | select(.ev == "reap") | .child_pid] | group_by(.)[] | .[0] as $c |
   if length > ([1, ($kids | count($c))] | max) then "\(length) reaps of \($c)" else empty end),
(.[] | select(.ev == "reap" and (.via == "pidfd" or (.inferred // false) == false)) | .child_pid as $c | .status as $s |
   [$exits[] | select(.pid == $c)] | select(length > 0) | .[-1] |
   (if .signal then {signal: .signal, core: .core} else {code: .code} end) as $x |
   if $s != $x then "exact reap of \($c): status \($s), its exit \($x)" else empty end)
'

# sc_generic_facts: true of every run of every scenario, on $LOG: a valid
# log; the untraced status (launch); a pid reaped once per incarnation
# (pid_max may be small); every reaped pid and every process a traced one
# with its parent link; the command and each child exit once (the launched
# tree ends); an exact reap's status is the child's exit status.
sc_generic_facts() {
	check_schema
	_bad=$(jq -r -s --arg mode "$SC_MODE" --argjson urc "${URC:-null}" "$_SC_FACTS_JQ" \
		"$LOG" 2>&1) || fail "jq failed on the generic facts: $_bad"
	[ -z "$_bad" ] || fail "generic facts: $(printf '%s\n' "$_bad" | head -n 4)"
}

# _sc_text_lines FILE: every line an event line ("[pid] ..." / "[pid/tid] ..."),
# a stack frame, or the header of a stop-free mode ("--- no syscall stops ...").
_sc_text_lines() {
	_bad=$(grep -vnE '^\[[0-9]+(/[0-9]+)?\] .+$|^    at .+$|^--- no syscall stops \(.+ ---$' "$1" | head -n 3)
	[ -z "$_bad" ] || fail "$1: not an event line: $_bad"
}

# _sc_root_exit FILE: the command's exit line is its untraced status.
_sc_root_exit() {
	_r=$(sed -n '1s/^\[\([0-9]*\)[]/].*/\1/p' "$1")
	[ -n "$_r" ] || fail "$1: no event lines"
	grep -qxF "[$_r] +++ exited with $URC +++" "$1" && return 0
	if [ "$URC" -gt 128 ]; then
		_s=$(kill -l $((URC - 128)))
		grep -qxE "\[$_r\] \+\+\+ killed by SIG$_s( \(core dumped\))? \+\+\+" "$1" &&
			return 0
	fi
	fail "$1: no exit line of the command [$_r] for status $URC"
}

# _sc_text_vs_log FILE: as many process exit and reap lines as $LOG has.
_sc_text_vs_log() {
	_tx=$(grep -cE '^\[[0-9/]+\] \+\+\+ (exited with -?[0-9]+|killed by SIG[A-Z0-9_+]+( \(core dumped\))?) \+\+\+$' "$1")
	_lx=$(jcount 'select(.ev == "exit" and .group)')
	[ "$_tx" = "$_lx" ] || fail "$1: $_tx process exit lines, the log has $_lx exits"
	_tr=$(grep -cE '^\[[0-9/]+\] reaped [0-9]+ ' "$1")
	_lr=$(jcount 'select(.ev == "reap")')
	[ "$_tr" = "$_lr" ] || fail "$1: $_tr reap lines, the log has $_lr reaps"
}

# _sc_summary FILE PLT: FILE is event lines, then the --summary table: one
# row per process of the lines above, each with that process's exit; the
# PLT table only when PLT is 1.  The event lines go to FILE.events.
_sc_summary() {
	_f=$1
	_hdr='^  PID COMM +EXIT +LIFETIME +ZOMBIE +SIGNALS$'
	[ "$(grep -cE "$_hdr" "$_f")" = 1 ] || fail "$_f: no (or more than one) summary table header"
	sed -En "/$_hdr/q;p" "$_f" >"$_f.events"
	sed -En "/$_hdr/,/^Longest-lived zombies:\$/p" "$_f" | sed '1d;$d' >"$_f.rows"
	grep -q '^Longest-lived zombies:$' "$_f" || fail "$_f: summary lacks the zombie list"
	if grep -q '^PLT calls:$' "$_f"; then
		[ "$2" = 1 ] || fail "$_f: a PLT calls table without --plt: $(sed -n '/^PLT calls:$/,$p' "$_f" | head -n 4)"
	fi
	_sc_text_lines "$_f.events"
	[ -s "$_f.rows" ] || fail "$_f: summary table has no rows"
	_bad=$(grep -vE '^ *[0-9]+ .{16} ' "$_f.rows" | head -n 2)
	[ -z "$_bad" ] || fail "$_f: not a summary row: $_bad"
	# "PID EXIT" per row, per process exit line; rows are every process seen
	awk '{ print substr($0, 1, 5) + 0, substr($0, 24, 21) }' "$_f.rows" |
		sed 's/ *$//' | sort >"$_f.rowexit"
	sed -n 's/^\[\([0-9]*\)[]/][^+]*+++ exited with \(-*[0-9]*\) +++$/\1 exit \2/p
		s/^\[\([0-9]*\)[]/][^+]*+++ killed by \(SIG[A-Z0-9_+]*\( (core dumped)\)\{0,1\}\) +++$/\1 \2/p' \
		"$_f.events" | sort >"$_f.lineexit"
	_miss=$(comm -13 "$_f.rowexit" "$_f.lineexit" | head -n 3)
	[ -z "$_miss" ] || fail "$_f: exits of the event lines missing from the table (pid exit): $_miss"
	cut -d' ' -f1 "$_f.rowexit" | sort -n >"$_f.rowpids"
	# processes: the pid of each line, but a reap line's is its child's
	# (the waiter of an inferred reap may be untraced init)
	sed -n 's/^\[[0-9/]*\] reaped \([0-9]*\) .*/\1/p; t
		s/^\[\([0-9]*\)[]/].*/\1/p' "$_f.events" | sort -un >"$_f.linepids"
	[ "$(uniq -d "$_f.rowpids")" = "" ] || fail "$_f: a pid has two rows: $(uniq -d "$_f.rowpids" | head -n 3)"
	cmp -s "$_f.rowpids" "$_f.linepids" ||
		fail "$_f: table rows and processes of the event lines differ: rows only: $(comm -23 "$_f.rowpids" "$_f.linepids" | head -n 5 | tr '\n' ' ') lines only: $(comm -13 "$_f.rowpids" "$_f.linepids" | head -n 5 | tr '\n' ' ')"
}

_sc_plt() {
	case " $SC_PT_OPTS " in *" --plt"*) echo 1 ;; *) echo 0 ;; esac
}

# ---------------------------------------------------------------- attach
# _sc_attach_run ARGS...: proctrace -p SC_PID ARGS in the background until
# the log (or, without --json, the text) shows sc_ready, then SIGINT.
_sc_attach_run() {
	bg_pt "$@" -p "$SC_PID" $SC_PT_OPTS
	_sc_wait_ready "attached"
	kill -INT "$PTPID"
	wait_exit "$PTPID" "$SC_TIMEOUT"
	_sc_no_sanitizer "$ERR"
	_sc_status "attach, SIGINT"
	sc_untraced_running
	sc_alive
}

_sc_target_gone() {
	case $(proc_state "$SC_PID") in Z|X|'') return 0 ;; esac
	return 1
}

_sc_ready_or_gone() {
	_sc_target_gone || _tl_log_has "$sc_ready" "$SC_READY_N"
}

# _sc_wait_ready WHAT: the log shows SC_READY_N of sc_ready; fail at once
# when the target dies meanwhile.
_sc_wait_ready() {
	wait_until "$SC_TIMEOUT" _sc_ready_or_gone ||
		fail "$1: never saw $SC_READY_N of [$sc_ready]"
	_sc_target_gone && fail "$1: the target $SC_PID died while traced"
	return 0
}

# sc_untraced_running: every task of SC_PID alive, not stopped, not traced.
sc_untraced_running() {
	[ -d "/proc/$SC_PID" ] || fail "the target $SC_PID died"
	for _t in /proc/"$SC_PID"/task/*; do
		_tid=${_t##*/}
		case $(proc_state "$_tid") in
		T|t|Z|X|'') fail "task $_tid of $SC_PID left in state '$(proc_state "$_tid")'" ;;
		esac
		[ "$(sed -n 's/^TracerPid:[[:space:]]*//p' "$_t/status")" = 0 ] ||
			fail "task $_tid of $SC_PID still traced"
	done
}

# ---------------------------------------------------------------- cells
cell_json() {
	if [ "$SC_MODE" = launch ]; then
		PT_TIMEOUT=$SC_TIMEOUT
		sc_cmd run_pt $SC_PT_OPTS --
	else
		_sc_attach_run --json "$LOG" -o "$TXT"
	fi
	echo "$RC" >"$T/rec.rc"
	_sc_no_sanitizer "$ERR"
	_sc_status "--json -o"
	if [ "$SC_SAME_OUT" = 1 ] && ! cmp -s "$OUT" "$T/untraced"; then
		fail "the traced command's output differs from the untraced: $(diff "$T/untraced" "$OUT" | head -n 5)"
	fi
	sc_generic_facts
	sc_facts
}

cell_text() {
	[ -s "$T/rec.rc" ] || fail "no recording"
	[ -s "$TXT" ] || fail "no text output (-o)"
	_sc_text_lines "$TXT"
	[ "$SC_MODE" = launch ] && _sc_root_exit "$TXT"
	_sc_text_vs_log "$TXT"
}

cell_summary() {
	_s=$T/summary.txt
	rm -f "$_s"
	# its own files: the recording's stay for the replay cells
	TXT=$T/summary.none OUT=$T/summary.stdout ERR=$T/summary.stderr
	if [ "$SC_MODE" = launch ]; then
		PT_TIMEOUT=$SC_TIMEOUT
		sc_cmd run_pt_raw $SC_PT_OPTS --summary=full -o "$_s" --
	else
		LOG=$T/summary.json	# only to know when the attach is done
		_sc_attach_run --summary=full -o "$_s" --json "$LOG"
	fi
	_sc_no_sanitizer "$ERR"
	_sc_status "--summary"
	[ -s "$_s" ] || fail "--summary wrote nothing"
	_sc_summary "$_s" "$(_sc_plt)"
	[ "$SC_MODE" = launch ] && _sc_root_exit "$_s.events"
	return 0
}

cell_replay_text() {
	"$PROCTRACE" replay --text "$LOG" >"$T/replay.txt" 2>"$T/replay.err" ||
		fail "replay --text: status $? $(head -c 300 "$T/replay.err")"
	_sc_no_sanitizer "$T/replay.err"
	cmp -s "$TXT" "$T/replay.txt" ||
		fail "replay --text differs from the live text: $(diff "$TXT" "$T/replay.txt" | head -n 6)"
}

cell_replay_summary() {
	_s=$T/rsummary.txt
	"$PROCTRACE" replay --summary=full "$LOG" >"$_s" 2>"$T/rsummary.err" ||
		fail "replay --summary: status $? $(head -c 300 "$T/rsummary.err")"
	_sc_no_sanitizer "$T/rsummary.err"
	_plt=0
	[ "$(jcount 'select(.ev == "plt")')" -gt 0 ] && _plt=1
	_sc_summary "$_s" "$_plt"
	cmp -s "$TXT" "$_s.events" ||
		fail "replay --summary: its event lines differ from the live text: $(diff "$TXT" "$_s.events" | head -n 6)"
}

cell_perfetto() {
	"$PROCTRACE" export --perfetto "$LOG" -o "$T/trace.json" 2>"$T/export.err" ||
		fail "export --perfetto: status $? $(head -c 300 "$T/export.err")"
	_sc_no_sanitizer "$T/export.err"
	jq -e '.traceEvents | type == "array"' "$T/trace.json" >/dev/null 2>&1 ||
		fail "export: not trace-event JSON: $(head -c 300 "$T/trace.json")"
	_bad=$(jq -r --slurpfile log "$LOG" -f "$SC_LIB/perfetto_check.jq" "$T/trace.json" 2>&1) ||
		fail "perfetto_check.jq failed: $_bad"
	[ -z "$_bad" ] || fail "export: $(printf '%s\n' "$_bad" | head -n 5)"
}

cell_pftrace() {
	command -v protoc >/dev/null 2>&1 || skip "protoc not installed"
	. "$SC_LIB/pftrace.sh"
	pftrace_check "$LOG" "$T/trace.pf"
	_sc_no_sanitizer "$T/trace.pf.err"
	echo "pftrace: $PFT_COUNTS"
}

cell_tui() {
	[ -n "$_SC_TMUX" ] || skip "tmux not installed"
	LOG=$T/tui.json
	OUT=$T/tui.tty
	ERR=$T/tui.stderr
	if [ "$SC_MODE" = launch ]; then
		# --no-pty: the same run as the other cells.  In the pane the
		# command leads its terminal's session, and its exit hangs up
		# the jobs it left (shell_job's sleep dies of SIGHUP there);
		# tests/tui_pty*.test test the pane.
		sc_cmd tui_start 120 40 "$PROCTRACE" --tui --no-pty --json "$LOG" --tty-out "$OUT" $SC_PT_OPTS --
		tui_wait "trace over: q quits" "--tui: the trace never ended" "$SC_TIMEOUT"
		tui_wait "^ +[0-9]+ [A-Za-z] .*$SC_NAME" "--tui: no row showing $SC_NAME"
	else
		tui_start 120 40 "$PROCTRACE" --tui --json "$LOG" -p "$SC_PID" $SC_PT_OPTS
		_r=$SC_PID
		_sc_wait_ready "--tui -p"
		tui_wait "^ +$_r [A-Za-z] .*$SC_NAME" "--tui: no row of $_r showing $SC_NAME"
	fi
	tui_wait "^proctrace (live|attach) " "--tui: no header"
	tui_screen >"$T/tui.screen"
	tui_keys q
	tui_wait_exit "$SC_TIMEOUT"
	if [ "$SC_MODE" = launch ]; then
		# the log is read after q: the final screen need not flush it
		_r=$(_sc_root)
		grep -qE "^ +$_r [A-Za-z] .*$SC_NAME" "$T/tui.screen" ||
			{ cat "$T/tui.screen"; fail "--tui: no row of the command $_r showing $SC_NAME"; }
	fi
	_sc_no_sanitizer "$ERR"
	_sc_status "--tui, q"
	if [ "$SC_MODE" = attach ]; then
		sc_untraced_running
		sc_alive
	fi
	sc_generic_facts
	sc_facts
}

# _sc_cell NAME: run cell_NAME in a subshell, record its result.
_SC_ROW=
_SC_FAILED=
_sc_cell() {
	echo "==== cell $1"
	_fn=cell_$(echo "$1" | sed 's/-/_/g')
	_t0=$(date +%s%N)
	( "$_fn" )
	case $? in
	0) _res=pass ;;
	77) _res=skip ;;
	*) _res=FAIL; _SC_FAILED="$_SC_FAILED $1" ;;
	esac
	echo "==== cell $1: $_res ($(( ($(date +%s%N) - _t0) / 1000000 )) ms)"
	_SC_ROW="$_SC_ROW $1=$_res"
}

SC_CELLS="json text summary replay-text replay-summary perfetto pftrace tui"

scenario_run() {
	if [ "$SC_MODE" = launch ]; then
		sc_cmd run_untraced "$T/untraced"
		sc_untraced_ok
		echo "untraced status: $URC"
	else
		# one target for every attach, as a daemon outlives its tracers
		sc_start
		KEEP_PIDS="$KEEP_PIDS $SC_PID"
	fi
	for _c in ${SC_ONLY:-$SC_CELLS}; do
		# a target killed by a failed cell: a new one for the next
		if [ "$SC_MODE" = attach ] && _sc_target_gone; then
			wait "$SC_PID" 2>/dev/null
			sc_start
			KEEP_PIDS="$KEEP_PIDS $SC_PID"
		fi
		_sc_cell "$_c"
	done
	[ "$SC_MODE" = attach ] && sc_stop
	echo "MATRIX $TEST_NAME$_SC_ROW"
	_TL_DONE=1
	[ -z "$_SC_FAILED" ] || fail "cells failed:$_SC_FAILED"
	pass
}
