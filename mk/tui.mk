# mk/tui.mk - sources and tests of the tui feature (included by Makefile.am).
