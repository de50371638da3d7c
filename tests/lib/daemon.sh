# daemon.sh - the attached daemon of tests/scenarios/daemon_*.test (python3, 4 threads, a fork loop).

PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3) || skip "needs python3, not installed"
SC_MODE=attach
SC_NAME=python

sc_start() {
	spawn "$PY" -u "$SC_LIB/daemon.py"
	SC_PID=$SPAWNED
	DOUT=$SPAWN_OUT
	wait_until 20 grep -q '^ready$' "$DOUT" || fail "the daemon did not start: $(head -c 300 "$DOUT")"
	wait_until 20 eval "[ \$(ls /proc/$SC_PID/task | wc -l) = 4 ]" ||
		fail "the daemon has not 4 threads"
}

sc_stop() {
	kill -KILL "$SC_PID" 2>/dev/null
	wait "$SC_PID" 2>/dev/null
	KEEP_PIDS=
}

_d_count() {
	sed -n 's/^n=//p' "$DOUT" | tail -n 1
}

# the daemon forks on after the detach
sc_alive() {
	_n0=$(_d_count)
	wait_until 20 eval "[ \"\$(_d_count)\" != '$_n0' ]" ||
		fail "the daemon stopped forking after the detach (n=$_n0)"
}

# facts of every attach, on $LOG
daemon_facts() {
	_tids=$(ls "/proc/$SC_PID/task" | sort -n | tr '\n' ',' | sed 's/,$//')
	jq_assert ".[0].mode == \"attach\" and .[0].attach_pids == [$SC_PID]" "start: attach to the daemon"
	jq_assert "[.[] | select(.ev == \"attach\") | .tid] | sort == [$_tids]" "an attach per thread"
	jq_assert "[.[] | select(.ev == \"detach\" and .pid == $SC_PID) | .tid] | sort == [$_tids]" \
		"a detach per thread"
	jq_assert "[.[] | select(.ev == \"clone\" and .thread == false)] | length >= 2 and
		all(.pid == $SC_PID)" "the daemon's forks are logged"
	jq_assert "[.[] | select(.ev == \"clone\" and .thread == false) | .child_pid] as \$k |
		all(.[] | select(.ev == \"exit\" and .pid != $SC_PID); .group and .code < 7 and
		    (.pid as \$p | \$k | index([\$p]) != null))" "its children exit n % 7"
	jq_assert_count 'select(.ev == "signal" and .sig == "SIGTRAP")' 0 "no SIGTRAP"
	jq_assert "[.[] | select(.ev == \"exit\" and .pid == $SC_PID)] | length == 0" \
		"the daemon itself does not exit"
}
