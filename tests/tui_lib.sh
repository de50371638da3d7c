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
# session; its exit status lands in $TMUX_EXIT.
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
		"env PT_TEST_MARK=$PT_MARK TERM=screen $_cmd 2>$T/tui.stderr; echo \$? >$TMUX_EXIT.tmp; mv $TMUX_EXIT.tmp $TMUX_EXIT" ||
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
