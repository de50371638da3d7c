# mk/tui.mk - tui/: the only curses code.
noinst_LIBRARIES += libtui.a
libtui_a_CFLAGS = $(AM_CFLAGS) $(DEP_CFLAGS)
libtui_a_SOURCES = \
	tui/tui.h tui/tui_source.h tui/view.h tui/tui.c tui/term.c \
	tui/tree.c tui/details.c tui/panes.c tui/keys.c tui/player.c \
	tui/tree_rows.c tui/tree_columns.c tui/tree_search.c
