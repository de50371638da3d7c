# mk/tui.mk - tui/: the only curses code.
noinst_LIBRARIES += libtui.a
libtui_a_CFLAGS = $(AM_CFLAGS) $(DEP_CFLAGS)
libtui_a_SOURCES = \
	tui/tui.h tui/tui_source.h tui/view.h tui/tui.c tui/term.c \
	tui/tree.c tui/details.c tui/panes.c tui/keys.c tui/player.c

# make bench: the replay player's back-steps timed (not run by make check).
check_PROGRAMS += tests/bench/replay_steps
tests_bench_replay_steps_LDADD = $(LAYERS) $(DEP_LIBS)
