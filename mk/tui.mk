# mk/tui.mk - tui/: the only curses code.
noinst_LIBRARIES += libtui.a
libtui_a_CFLAGS = $(AM_CFLAGS) $(DEP_CFLAGS)
libtui_a_SOURCES = \
	tui/tui.h tui/tui.c
