# mk/tui.mk - tui/: the only curses code.
noinst_LIBRARIES += libtui.a
libtui_a_CFLAGS = $(AM_CFLAGS) $(DEP_CFLAGS)
libtui_a_SOURCES = \
	tui/tui.h tui/tui_source.h tui/view.h tui/tui.c tui/term.c \
	tui/tree.c tui/details.c tui/panes.c tui/keys.c tui/player.c \
	tui/breaks.c \
	tui/zombie_diag.h tui/zombie_diag.c tui/zombie_view.c \
	tui/tree_rows.c tui/tree_columns.c tui/tree_search.c \
	tui/pane_vt.h tui/pane_vt.c tui/pane_keys.c tui/pane_pty.c

# The per-signal counts and the zombie diagnosis text, from pure inputs.
check_PROGRAMS += tests/tui/test_zombie_diag
TESTS += tests/tui/test_zombie_diag
tests_tui_test_zombie_diag_LDADD = libtui.a libmodel.a libevent.a libdecode.a $(DEP_LIBS)

