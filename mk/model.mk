# mk/model.mk - model/: the event-fed process store (a sink); reads no /proc.
noinst_LIBRARIES += libmodel.a
libmodel_a_CFLAGS = $(AM_CFLAGS) $(DEP_CFLAGS)
libmodel_a_SOURCES = \
	model/model.h model/model.c

# The model fed a fork loop, a thread storm, pid reuse: bounded, right tree.
check_PROGRAMS += tests/tui/test_model
TESTS += tests/tui/test_model
tests_tui_test_model_LDADD = libmodel.a liboutput.a libmodel.a libevent.a libdecode.a $(DEP_LIBS)
