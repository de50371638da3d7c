# mk/tui.mk - sources and tests of the tui feature (included by Makefile.am).
# model/: the process-tree model (a sink); tui/: the only curses code;
# replay/: the JSON log reader; export/: Perfetto (Chrome trace) export;
# tracer/sampler.c: /proc state sampling under --tui.

libproctrace_a_SOURCES += \
	replay/replay.h replay/replay.c replay/replay_main.c \
	export/perfetto.h export/perfetto.c \
	model/model.h model/model.c \
	model/procinfo.h model/procinfo.c \
	tracer/sampler.h tracer/sampler.c \
	tui/tui.h tui/tui.c
libproctrace_a_CFLAGS += $(NCURSES_CFLAGS)
proctrace_LDADD += $(NCURSES_LIBS)

TEST_PROGS += \
	tests/progs/tui_family \
	tests/progs/tui_execsleep
tests_progs_tui_family_SOURCES = tests/progs/tui_family.c
tests_progs_tui_execsleep_SOURCES = tests/progs/tui_execsleep.c

# The model fed a fork loop, a thread storm, pid reuse: bounded, right tree.
TUI_UNIT_TESTS = tests/tui/test_model
check_PROGRAMS += $(TUI_UNIT_TESTS)
tests_tui_test_model_LDADD = libproctrace.a libdecode.a $(DEP_LIBS)
TESTS += $(TUI_UNIT_TESTS)

TUI_SCRIPT_TESTS = \
	tests/replay.test \
	tests/replay_bad.test \
	tests/export.test \
	tests/tui.test \
	tests/tui_detach.test \
	tests/tui_hangup.test \
	tests/tui_quit.test \
	tests/tui_replay.test \
	tests/tui_state.test
SCRIPT_TESTS += $(TUI_SCRIPT_TESTS)
EXTRA_DIST += tests/fuzz/fuzz_replay.c tests/fuzz/replay-corpus tests/tui_lib.sh
# the program that cleans up when interrupted (sigint.test, tui_quit.test)
EXTRA_DIST += tests/progs/interrupted.py

# libFuzzer harness for the log reader (clang; not part of make check):
#   make fuzz-replay && mkdir -p corpus && cp $(srcdir)/tests/fuzz/replay-corpus/* corpus &&
#   ./fuzz-replay -max_total_time=60 corpus
FUZZ_CC = clang
FUZZ_REPLAY_SRCS = tests/fuzz/fuzz_replay.c replay/replay.c output/jsonstr.c \
	tracer/event.c decode/xlat.c decode/signals.c decode/errno_names.c \
	decode/clone_flags.c decode/siginfo.c decode/wait_status.c
fuzz-replay: $(FUZZ_REPLAY_SRCS:%=$(srcdir)/%)
	$(FUZZ_CC) -g -O1 -std=gnu11 -fsanitize=fuzzer,address,undefined \
		-I$(top_srcdir) -I$(top_builddir) $(JSONC_CFLAGS) \
		-o $@ $(FUZZ_REPLAY_SRCS:%=$(srcdir)/%) $(JSONC_LIBS)
.PHONY: fuzz-replay
