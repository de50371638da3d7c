# mk/model.mk - model/: the event-fed process store (a sink); reads no /proc.
noinst_LIBRARIES += libmodel.a
libmodel_a_CFLAGS = $(AM_CFLAGS) $(DEP_CFLAGS)
libmodel_a_SOURCES = \
	model/model.h model/internal.h \
	model/store.c model/feed.c model/history.c \
	model/exec_ctx.c model/job.c model/sigstats.c \
	model/checkpoint.h model/checkpoint.c

# The model fed a fork loop, a thread storm, pid reuse: bounded, right tree;
# keep-all forgets nothing.  It links without output/: the model is below it.
check_PROGRAMS += tests/tui/test_model
TESTS += tests/tui/test_model
tests_tui_test_model_LDADD = libmodel.a libevent.a libdecode.a $(DEP_LIBS)

# Checkpoints: forward to N, back to M from the nearest, equal to a rebuild.
check_PROGRAMS += tests/tui/test_checkpoint
TESTS += tests/tui/test_checkpoint
tests_tui_test_checkpoint_SOURCES = tests/tui/test_checkpoint.c \
	tests/tui/test_checkpoint_log.c tests/tui/test_checkpoint_log.h
tests_tui_test_checkpoint_LDADD = libmodel.a libevent.a libdecode.a $(DEP_LIBS)

# The replay player's seeks over its checkpoints: each gives the model a
# forward play gives (it is the one test here above the model: libtui).
check_PROGRAMS += tests/tui/test_checkpoint_player
TESTS += tests/tui/test_checkpoint_player
tests_tui_test_checkpoint_player_SOURCES = tests/tui/test_checkpoint_player.c \
	tests/tui/test_checkpoint_log.c tests/tui/test_checkpoint_log.h
tests_tui_test_checkpoint_player_LDADD = libtui.a libmodel.a libevent.a \
	libdecode.a $(DEP_LIBS)
