# mk/cli.mk - cli/: main, the options, the feature registry, the replay and
# export sub-commands: the one folder that may know every other.
noinst_LIBRARIES += libcli.a
libcli_a_CFLAGS = $(AM_CFLAGS) $(DEP_CFLAGS)
libcli_a_SOURCES = \
	cli/options.h cli/options.c \
	cli/options_finish.h cli/options_finish.c \
	cli/strace_opts.h cli/strace_opts.c \
	cli/features.h cli/features.c \
	cli/subcommands.h cli/replay_main.c cli/export_main.c \
	cli/tui_sources.h cli/tui_live.c cli/tui_replay.c \
	cli/tui_usage.h cli/tui_usage.c
