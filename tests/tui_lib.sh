# tui_lib.sh - tmux helpers for the TUI tests (sourced after testlib.sh).
#
# The TUI runs in a detached tmux session on a private server; tests send
# keys and poll capture-pane for the text they expect, with a deadline.

need_cmd tmux
TMUX_SOCK="pt-$TEST_NAME-$$"
TMUX_EXIT=$T/tmux.exit

# _tl_cleanup reads $? of the exit: keep the status through both
trap '_r=$?; tmux -L "$TMUX_SOCK" kill-server 2>/dev/null; (exit $_r); _tl_cleanup' EXIT

# tui_start COLS ROWS CMD...: run CMD (with this run's mark) in a new
# session; its exit status lands in $TMUX_EXIT.  TUI_JOBS=1: the pane's
# shell runs CMD as a foreground job in its own process group (set -m), as
# an interactive shell would, so ^C reaches CMD and its children only.
tui_start() {
	_x=$1
	_y=$2
	shift 2
	rm -f "$TMUX_EXIT"
	_cmd=""
	for _a in "$@"; do
		_cmd="$_cmd '$(printf '%s' "$_a" | sed "s/'/'\\\\''/g")'"
	done
	tmux -L "$TMUX_SOCK" -f /dev/null new-session -d -s pt -x "$_x" -y "$_y" \
		"${TUI_JOBS:+set -m; }env PT_TEST_MARK=$PT_MARK TERM=screen $_cmd 2>$T/tui.stderr; echo \$? >$TMUX_EXIT.tmp; mv $TMUX_EXIT.tmp $TMUX_EXIT" ||
		fail "cannot start tmux"
}

tui_screen() {
	tmux -L "$TMUX_SOCK" capture-pane -p -t pt 2>/dev/null
}

tui_keys() {
	tmux -L "$TMUX_SOCK" send-keys -t pt "$@"
}

_tui_has() {
	tui_screen | grep -qE -- "$1"
}

# tui_wait ERE [SECONDS] MSG: poll the screen until a line matches ERE.
tui_wait() {
	if ! wait_until "${3:-10}" _tui_has "$1"; then
		echo "---- screen"
		tui_screen
		fail "${2:-screen never showed /$1/}"
	fi
}

_tui_exited() {
	[ -s "$TMUX_EXIT" ]
}

# tui_wait_exit SECONDS: proctrace ended; its status in $RC.
tui_wait_exit() {
	wait_until "$1" _tui_exited || { tui_screen; fail "proctrace did not exit"; }
	RC=$(cat "$TMUX_EXIT")
}

# tui_pt_pid: the pid of the command tui_start ran (proctrace), in $PT_PID.
_tui_find_pt() {
	_pane=$(tmux -L "$TMUX_SOCK" display -p -t pt '#{pane_pid}' 2>/dev/null) || return 1
	PT_PID=
	_comm=$(basename "$PROCTRACE" | cut -c1-15)	# TASK_COMM_LEN
	for _d in /proc/[0-9]*; do
		_s=$(cat "$_d/stat" 2>/dev/null) || continue
		case $_s in *"($_comm) "*) ;; *) continue ;; esac
		# after "comm) ": state, then ppid
		set -- ${_s##*) }
		[ "$2" = "$_pane" ] && { PT_PID=${_d#/proc/}; break; }
	done
	[ -n "$PT_PID" ]
}
tui_pt_pid() {
	wait_until 10 _tui_find_pt || fail "no proctrace process under the tmux pane"
}

# tui_kill_term: close the terminal (the tmux session and its pty).
tui_kill_term() {
	tmux -L "$TMUX_SOCK" kill-session -t pt 2>/dev/null
}
