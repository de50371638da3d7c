# testlib.sh - helpers sourced by every tests/*.test (POSIX sh: runs under dash).
#
# A test does:
#	. "$TESTLIB"
#	run_pt -- "$PROGS/zombie_late"	# fills $LOG $TXT $OUT $ERR $RC
#	check_schema
#	jq_assert '...' 'what went wrong'
#	text_has "[$P] +++ exited with 0 +++"
#	pass
#
# Conventions checked by check_schema (see ../../../shared/EVENTS.md):
#   * every line is one JSON object; seq is 0..N-1; ts is an integer and never
#     decreases; the first line is "start" (schema 1), the last is "end";
#   * end.events counts the events BEFORE the end line, i.e. end.events ==
#     N-1 == end.seq (the end line does not count itself), and dropped == 0.
#
# Leftover processes: every process proctrace (or spawn) starts carries the
# environment variable PT_TEST_MARK=<unique per test run>; at exit the test
# fails if any such process (or any pid of the log born after the test
# started) is still alive, stopped or a zombie.  The test shell itself does
# not carry the mark.

set -u

: "${PROCTRACE:?PROCTRACE not set (run through make check)}"
: "${PROGS:?PROGS not set (run through make check)}"

TEST_NAME=$(basename "$0" .test)
T=$(mktemp -d "${TMPDIR:-/tmp}/pt-$TEST_NAME.XXXXXX") || exit 99
PT_MARK="pt$$x$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
LOG=$T/log.json
TXT=$T/text
OUT=$T/stdout
ERR=$T/stderr
RC=
PT_TIMEOUT=${PT_TIMEOUT:-40}
BG_PIDS=			# pids this test started in the background (spawn, bg_pt)
KEEP_PIDS=			# pids allowed to outlive the check (tests kill them later)
_TL_DONE=0

# Start time (clock ticks since boot) of this shell: a pid of the log that
# started earlier is a recycled pid, not ours.
_tl_starttime() {
	# field 22 of /proc/PID/stat, counted after the ")" that ends comm
	sed -n 's/^.*) //p' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f20
}
TEST_START_TICKS=$(_tl_starttime $$)

_tl_cleanup() {
	_tl_rc=$?
	# Kill only what this test started: the background pids it recorded and
	# any process that carries this run's unique mark.
	for _p in $BG_PIDS $(marked_pids); do
		kill -KILL "$_p" 2>/dev/null
	done
	if [ -n "${PT_KEEP_TMP:-}" ]; then
		echo "kept $T" >&2
	else
		rm -rf "$T"
	fi
	exit $_tl_rc
}
trap _tl_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- results
fail() {
	echo "FAIL: $TEST_NAME: $*" >&2
	echo "FAIL: $*"
	_tl_dump
	exit 1
}

skip() {
	echo "SKIP: $TEST_NAME: $*"
	exit 77
}

# The last thing a test does: the leftover-process check, then exit 0.
pass() {
	no_leftovers
	echo "PASS: $TEST_NAME"
	exit 0
}

# On failure, show what proctrace said (goes to the test's .log file).
_tl_dump() {
	[ "$_TL_DONE" = 1 ] && return
	_TL_DONE=1
	for _f in "$ERR" "$TXT" "$OUT"; do
		[ -s "$_f" ] || continue
		echo "---- $(basename "$_f") (first 60 lines)"
		head -n 60 "$_f"
	done
	if [ -s "$LOG" ]; then
		echo "---- JSON log (first 150 lines)"
		head -n 150 "$LOG"
	fi
}

# need_root WHY: skip the whole test unless root, saying WHY it needs root.
# Tracing one's own children needs no root: call it only for what does
# (other uids, namespaces, capabilities, set-uid programs).
need_root() {
	[ "$(id -u)" = 0 ] || skip "needs root: $*"
}

# have_root WHAT: true as root; otherwise says that WHAT is not run, so a
# test that needs root for one case runs the others.
have_root() {
	[ "$(id -u)" = 0 ] && return 0
	echo "not root: $* not run"
	return 1
}

need_cmd() {
	for _c in "$@"; do
		command -v "$_c" >/dev/null 2>&1 || skip "needs '$_c', not installed"
	done
}

# need_pidfd_reaps: skip unless proctrace's start probe found that this
# kernel reports a reap on the zombie's pidfd (POLLHUP, Linux 6.9 and later).
need_pidfd_reaps() {
	"$PROCTRACE" --json "$T/probe.json" -- /bin/true >/dev/null 2>&1 ||
		fail "proctrace -- /bin/true failed"
	[ "$(jq -r 'select(.ev == "start") | .reap_watch' "$T/probe.json")" = pidfd ] ||
		skip "this kernel reports no reap on a pidfd (start's reap_watch is not pidfd)"
}

# ---------------------------------------------------------------- running
# run_pt ARGS...: run proctrace with --json $LOG -o $TXT ARGS under a timeout.
# Tracee stdout goes to $OUT, proctrace's stderr to $ERR, exit status in $RC.
run_pt() {
	rm -f "$LOG" "$TXT" "$OUT" "$ERR"
	run_pt_raw --json "$LOG" -o "$TXT" "$@"
}

# run_pt_raw ARGS...: same, without the --json/-o options.
run_pt_raw() {
	RC=0
	timeout -k 5 "$PT_TIMEOUT" env PT_TEST_MARK="$PT_MARK" \
		"$PROCTRACE" "$@" >"$OUT" 2>"$ERR" </dev/null || RC=$?
	[ "$RC" = 124 ] && fail "proctrace $* timed out after ${PT_TIMEOUT}s"
	return 0
}

# expect_rc N: proctrace's exit status must be N.
expect_rc() {
	[ "$RC" = "$1" ] || fail "proctrace exit status: expected $1, got $RC"
}

# run_untraced OUTFILE CMD...: run CMD without the tracer (for comparisons);
# stdout to OUTFILE, stderr to OUTFILE.err, exit status in $URC.
run_untraced() {
	_o=$1
	shift
	URC=0
	timeout -k 5 "$PT_TIMEOUT" env PT_TEST_MARK="$PT_MARK" "$@" >"$_o" 2>"$_o.err" \
		</dev/null || URC=$?
	[ "$URC" = 124 ] && fail "untraced $* timed out"
	return 0
}

# spawn CMD...: start CMD in the background with this run's mark, SIGINT and
# SIGQUIT at their default (a non-interactive shell ignores them in
# background jobs); its pid in $SPAWNED, its stdout+stderr in $SPAWN_OUT.
SPAWN_N=0
spawn() {
	SPAWN_N=$((SPAWN_N + 1))
	SPAWN_OUT=$T/spawn.$SPAWN_N
	env --default-signal=INT,QUIT PT_TEST_MARK="$PT_MARK" "$@" \
		>"$SPAWN_OUT" 2>&1 </dev/null &
	SPAWNED=$!
	BG_PIDS="$BG_PIDS $SPAWNED"
}

# bg_pt ARGS...: start proctrace in the background (no timeout wrapper, so
# $PTPID is proctrace itself and signals go straight to it).
bg_pt() {
	rm -f "$LOG" "$TXT" "$OUT" "$ERR"
	env --default-signal=INT,QUIT PT_TEST_MARK="$PT_MARK" \
		"$PROCTRACE" "$@" >"$OUT" 2>"$ERR" </dev/null &
	PTPID=$!
	BG_PIDS="$BG_PIDS $PTPID"
}

# wait_exit PID SECONDS: wait for a background child of this shell to end
# (deadline poll), then collect its status into $RC.
wait_exit() {
	_pid=$1
	if ! wait_until "$2" eval "! kill -0 $_pid 2>/dev/null || _tl_is_zombie $_pid"; then
		fail "process $_pid still running after $2 s"
	fi
	RC=0
	wait "$_pid" || RC=$?
}

_tl_is_zombie() {
	[ "$(proc_state "$1")" = Z ]
}

# wait_until SECONDS CMD...: poll CMD every 20 ms until it succeeds; 1 on timeout.
wait_until() {
	_deadline=$(( $(date +%s%N) / 1000000 + $1 * 1000 ))
	shift
	while :; do
		"$@" && return 0
		[ $(( $(date +%s%N) / 1000000 )) -ge "$_deadline" ] && return 1
		sleep 0.02
	done
}

# ---------------------------------------------------------------- /proc
# proc_state PID: one-letter state from /proc/PID/stat ("" if gone).
proc_state() {
	sed -n 's/^.*) \(.\).*/\1/p' "/proc/$1/stat" 2>/dev/null
}

# proc_field PID FIELD: a /proc/PID/status value (e.g. TracerPid, PPid).
proc_field() {
	sed -n "s/^$2:[[:space:]]*//p" "/proc/$1/status" 2>/dev/null
}

# marked_pids: live processes carrying this run's mark (never this shell).
marked_pids() {
	for _d in /proc/[0-9]*; do
		_p=${_d#/proc/}
		[ "$_p" = $$ ] && continue
		if { tr '\0' '\n' <"$_d/environ"; } 2>/dev/null |
			grep -qx "PT_TEST_MARK=$PT_MARK"; then
			echo "$_p"
		fi
	done
}

# log_pids: every pid/tid the JSON log mentions.
log_pids() {
	[ -s "$LOG" ] || return 0
	jq -r '[.pid?, .tid?, .child_pid?, .child_tid?, .old_tid?] | .[] |
		select(type == "number")' "$LOG" 2>/dev/null | sort -un
}

# _tl_leftovers: pids of processes this test left behind.
_tl_leftovers() {
	for _p in $(marked_pids) $(log_pids); do
		case " $KEEP_PIDS " in *" $_p "*) continue ;; esac
		[ -d "/proc/$_p" ] || continue
		# a recycled pid that started before this test is not ours
		_st=$(_tl_starttime "$_p")
		[ -n "$_st" ] && [ "$_st" -lt "$TEST_START_TICKS" ] && continue
		# unmarked, running, not stopped: a pid recycled during the test
		if ! { tr '\0' '\n' <"/proc/$_p/environ"; } 2>/dev/null |
			grep -qx "PT_TEST_MARK=$PT_MARK"; then
			case $(proc_state "$_p") in Z|T|t) ;; *) continue ;; esac
		fi
		echo "$_p"
	done | sort -un
}

_tl_no_leftovers_now() {
	[ -z "$(_tl_leftovers)" ]
}

# no_leftovers: no process of this test is alive, stopped or a zombie.
# Processes may take a moment to be reaped by init: poll with a deadline.
no_leftovers() {
	if ! wait_until 5 _tl_no_leftovers_now; then
		_left=$(_tl_leftovers)
		for _p in $_left; do
			echo "leftover: $_p state=$(proc_state "$_p") $({ tr '\0' ' ' <"/proc/$_p/cmdline"; } 2>/dev/null)"
		done
		fail "processes left behind: $(echo $_left)"
	fi
}

# ---------------------------------------------------------------- JSON log
# jcount FILTER [FILE]: how many events match (FILTER as in select(...)).
jcount() {
	jq -n "[inputs | $1] | length" "${2:-$LOG}" ||
		fail "jq failed on filter: $1"
}

# jval EXPR [FILE]: value of EXPR applied to the slurped log (array of
# events), raw output.
jval() {
	jq -r -s "$1" "${2:-$LOG}" || fail "jq failed on: $1"
}

# jq_assert EXPR MSG: EXPR on the slurped log (an array) must be true.
jq_assert() {
	jq -e -s "$1" "$LOG" >/dev/null 2>"$T/jq.err" ||
		fail "$2 [jq: $1] $(cat "$T/jq.err")"
}

# jq_assert_count FILTER N MSG: exactly N events match FILTER.
jq_assert_count() {
	_n=$(jcount "$1")
	[ "$_n" = "$2" ] || fail "$3: expected $2 events matching [$1], got $_n"
}

# ev_seq FILTER: seq of the first matching event ("" if none).
ev_seq() {
	jq -n -r "first(inputs | $1 | .seq) // empty" "$LOG"
}

# assert_order FILTER1 FILTER2 MSG: the first event matching FILTER1 comes
# before the first event matching FILTER2 (both must exist).
assert_order() {
	_a=$(ev_seq "$1")
	_b=$(ev_seq "$2")
	[ -n "$_a" ] || fail "$3: no event matches [$1]"
	[ -n "$_b" ] || fail "$3: no event matches [$2]"
	[ "$_a" -lt "$_b" ] || fail "$3: [$1] (seq $_a) not before [$2] (seq $_b)"
}

# jq: "valid" is true when an event has the required fields of EVENTS.md for
# its ev, in the documented formats (process and signal events).
_TL_VALID='
def hex: type == "string" and test("^0x(0|[1-9a-f][0-9a-f]*)$");
def id: type == "number" and . > 0 and . == floor;
def signame: type == "string" and test("^SIG[A-Z0-9_+]+$");
def errname: type == "string" and test("^E[A-Z0-9]+$");
def valid:
  (if .ev == "start" or .ev == "end" then true
   else (.pid | id) and
        (if .ev == "reparent" or .ev == "vma" then true else (.tid | id) end) end) and
  (if .inferred != null then (.inferred | type == "boolean") else true end) and
  (if .inferred == true and has("ts_lo") then .ts_lo <= .ts else true end) and
  if .ev == "attach" then .comm | type == "string"
  elif .ev == "clone" then
    (.child_pid | id) and (.child_tid | id) and
    (.syscall | IN("fork", "vfork", "clone", "clone3")) and
    (.flags | type == "array" and all(type == "string" and startswith("CLONE_"))) and
    (.flags_raw | hex) and (.thread | type == "boolean") and
    (.exit_signal == null or (.exit_signal | signame)) and
    (if .thread then .child_pid == .pid else .child_pid == .child_tid end)
  elif .ev == "exec" then
    (.ok | type == "boolean") and (.argv | type == "array") and has("filename") and
    (if .ok then (.exe | type == "string") and (.comm | type == "string")
     else .errno | errname end) and
    (if .old_tid != null then (.old_tid | id) and .old_tid != .pid else true end)
  elif .ev == "exit" then
    (.group | type == "boolean") and (.core | type == "boolean") and
    has("code") and has("signal") and
    (.code == null or (.code | type == "number")) and
    (.signal == null or (.signal | signame)) and
    (if .signal != null then .code == null else true end)
  elif .ev == "reap" then
    (.child_pid | id) and has("syscall") and has("zombie_ns") and
    (.status | type == "object" and
      ((has("code") and (.code | type == "number")) or
       ((.signal | signame) and (.core | type == "boolean")))) and
    (.zombie_ns == null or (.zombie_ns | type == "number" and . >= 0)) and
    (if .inferred == true then true
     elif .via == "pidfd" then .syscall == null
     else (.syscall | IN("wait4", "waitid")) end)
  elif .ev == "reparent" then
    (.old_ppid | id) and (.new_ppid | id) and .old_ppid != .new_ppid
  elif .ev == "signal" then
    (.kind | IN("send", "deliver", "stop", "cont")) and
    ((.sig | signame) or (.kind == "send" and .sig == "0")) and
    (if .kind == "send" then
       (.target_pid | type == "number") and has("target_tid") and
       (.syscall | IN("kill", "tkill", "tgkill", "rt_sigqueueinfo",
                      "rt_tgsigqueueinfo", "pidfd_send_signal")) and
       (.result == 0 or .result == null or (.result | errname))
     elif .kind == "deliver" then
       (.code | type == "string") and (.disposition | IN("handler", "ignore", "default"))
     else true end)
  elif .ev == "detach" then true
  elif .ev == "break" then
    (.spec | type == "string") and
    (.on | IN("exec", "clone", "fork", "signal", "exit", "zombie")) and
    (.action | IN("hold", "handoff")) and
    (if .on == "exec" then .filename | type == "string"
     elif .on == "clone" or .on == "fork" then .child_pid | id
     elif .on == "signal" then .sig | signame
     elif .on == "zombie" then .zombie_pid | id
     else true end) and
    (if .action == "handoff" then .run | type == "string" else true end)
  else true end;
'

# check_schema [complete]: the log's structure (see the top of this file).
# Also checks the required fields and value formats of the process and
# signal events.
check_schema() {
	[ -s "$LOG" ] || fail "no JSON log written"
	_lines=$(wc -l <"$LOG")
	_objs=$(jq -c . "$LOG" 2>"$T/jq.err" | wc -l) ||
		fail "log is not JSON Lines: $(cat "$T/jq.err")"
	[ -s "$T/jq.err" ] && fail "log does not parse: $(cat "$T/jq.err")"
	[ "$_lines" = "$_objs" ] ||
		fail "log has $_lines lines but $_objs JSON values (one object per line)"
	[ "$(tail -c 1 "$LOG" | od -An -c | tr -d ' ')" = '\n' ] ||
		fail "log does not end with a newline"
	jq_assert 'all(type == "object")' "every line is an object"
	jq_assert '[.[].seq] == [range(length)]' "seq is 0..N-1 without gaps"
	jq_assert 'all(.ts | type == "number" and . >= 0 and . == floor)' \
		"ts is a non-negative integer"
	jq_assert '[.[].ts] as $t | all(range(1; $t | length); $t[.] >= $t[. - 1])' \
		"ts never decreases"
	jq_assert 'all(.ev | type == "string")' "every line has ev"
	jq_assert '.[0].ev == "start" and .[0].schema == 1 and
		(.[0].tool | type == "string") and (.[0].version | type == "string") and
		(.[0].mode == "run" or .[0].mode == "attach") and
		(.[0].kernel | type == "string") and
		(if .[0].mode == "run" then (.[0].argv | type == "array")
		 else (.[0].attach_pids | type == "array") end)' \
		"first line is start with schema 1, tool, version, mode, argv/attach_pids, kernel"
	jq_assert '[.[] | select(.ev == "start")] | length == 1' "exactly one start"
	jq_assert '[.[] | select(.ev == "end")] | length == 1' "exactly one end"
	jq_assert '.[-1].ev == "end"' "last line is end"
	jq_assert '.[-1].dropped == 0' "end.dropped == 0"
	jq_assert '.[-1] | has("exit_code") and (.exit_code == null or (.exit_code | type == "number"))' \
		"end has exit_code (number or null)"
	# required fields of the lifecycle events (EVENTS.md table); on failure
	# show the first event that breaks them
	_bad=$(jq -c -n "$_TL_VALID"' first(inputs | select(valid | not)) // empty' \
		"$LOG" 2>&1) || fail "jq failed checking fields: $_bad"
	[ -z "$_bad" ] ||
		fail "event lacks a required field of EVENTS.md or has a bad format: $_bad"
	# Last, so that a disagreement on this count does not hide other checks.
	jq_assert '.[-1].events == length - 1' \
		"end.events == number of events before the end line (end.seq)"
}

# check_log_prefix: for a log cut short (tracer killed): every line but a
# possibly incomplete last one parses, seq has no gaps, first is start.
check_log_prefix() {
	[ -s "$LOG" ] || fail "no JSON log written"
	_full=$(grep -c '' "$LOG")
	_good=$(head -n $((_full - 1)) "$LOG" | jq -c . 2>/dev/null | wc -l)
	[ "$_good" = $((_full - 1)) ] ||
		fail "lines before the last of a killed tracer's log do not all parse"
	head -n $((_full - 1)) "$LOG" | jq -e -s '.[0].ev == "start" and
		([.[].seq] == [range(length)])' >/dev/null ||
		fail "killed tracer's log: no start first or seq gaps"
}

# wait_log COUNT-FILTER N SECONDS: poll until at least N complete lines of
# the (growing) log match FILTER.
_tl_log_has() {
	[ -s "$LOG" ] || return 1
	_n=$(grep '}$' "$LOG" | jq -n "[inputs | $1] | length" 2>/dev/null) || return 1
	[ "${_n:-0}" -ge "$2" ]
}
wait_log() {
	wait_until "$3" _tl_log_has "$1" "$2"
}

# ---------------------------------------------------------------- text
# text_has LINE: the text output has LINE as a whole line (fixed string).
text_has() {
	grep -qxF -- "$1" "$TXT" 2>/dev/null || fail "text output lacks line: $1"
}

# text_lacks LINE
text_lacks() {
	if grep -qxF -- "$1" "$TXT" 2>/dev/null; then
		fail "text output has unexpected line: $1"
	fi
}

# text_re ERE: some whole line of the text output matches ERE.
text_re() {
	grep -qxE -- "$1" "$TXT" 2>/dev/null || fail "text output has no line matching: $1"
}

# text_count ERE: how many whole lines match.
text_count() {
	grep -cxE -- "$1" "$TXT" 2>/dev/null
}

# re_quote STRING: STRING as an ERE matching it literally.
re_quote() {
	printf '%s\n' "$1" | sed 's/[][\.*^$+?(){}|/]/\\&/g'
}

# A text duration: "N us", "N.N ms" or "N.NN s" (SPEC-CLI.md).
DUR='([0-9]+ us|[0-9]+\.[0-9] ms|[0-9]+\.[0-9]{2} s)'

# stderr_one_line PREFIX-ERE: proctrace wrote exactly one line to stderr and
# it starts with "proctrace: " and matches ERE (case-insensitive).
stderr_one_line() {
	_n=$(grep -c '' "$ERR")
	[ "$_n" = 1 ] || fail "expected one line on stderr, got $_n: $(head -c 400 "$ERR")"
	grep -q '^proctrace: ' "$ERR" ||
		fail "stderr line does not start with 'proctrace: ': $(cat "$ERR")"
	grep -qiE -- "$1" "$ERR" || fail "stderr line does not match /$1/: $(cat "$ERR")"
}

# outval KEY [FILE]: value of a "KEY=value" line the test program printed
# (a line from a terminal, as --tui's --tty-out copy, ends in CR LF).
outval() {
	_v=$(sed -n "s/^$1=//p" "${2:-$OUT}" | head -n 1 | tr -d '\r')
	[ -n "$_v" ] || fail "program output lacks $1=: $(head -c 300 "${2:-$OUT}")"
	printf '%s\n' "$_v"
}
