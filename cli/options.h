/* options.h - the command lines of proctrace and its sub-commands, parsed from one table. */
#ifndef PROCTRACE_CLI_OPTIONS_H
#define PROCTRACE_CLI_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "output/text_sink.h"
#include "tracer/trace_opts.h"

/* The command lines one option table serves; a row accepts a mask of them. */
enum options_command {
	OPTIONS_TRACE = 1 << 0, /* proctrace [options] -- CMD | -p PID */
	OPTIONS_REPLAY = 1 << 1, /* proctrace replay [options] LOG */
	OPTIONS_EXPORT = 1 << 2, /* proctrace export --perfetto LOG */
};

struct options {
	struct trace_opts trace; /* what the engine is asked to do */
	const char *text_path; /* -o: the text output (export: the trace) */
	const char *json_path; /* --json */
	const char *log_path; /* replay LOG, export --perfetto LOG */
	const char *pftrace_log; /* export --pftrace LOG (then also log_path) */
	unsigned classes_asked; /* the bits named explicitly with -e */
	int strsize; /* -s; -1: no limit */
	enum text_ts ts; /* -t -tt -ttt -r */
	bool exec_context; /* --exec-context */
	bool show_cmdline; /* --show-cmdline */
	bool summary; /* --summary */
	int follow; /* -f: 1 (a no-op), -ff: one text file per task */
	int quiet; /* -q: no attach/detach lines; -qq: nor unborn exits */
	bool lifetimes; /* -T: each exit line ends with the task's lifetime */
	bool summary_full; /* --summary=full: every process row */
	const char *summary_json; /* --summary-json FILE */
	bool tui; /* --tui */
	bool text; /* replay --text */
	bool tree; /* replay --tree: the whole tree once, like pstree -a -p */
	bool ascii; /* replay --tree --ascii */
	const char *tty_out; /* --tty-out FILE: the tracee's stdio under --tui */
	bool no_color; /* --no-color, or NO_COLOR set */
	bool no_pty; /* --no-pty: no terminal pane under --tui */
	const char *debugger; /* --debugger CMD: the UI's hand-off, NULL: gdb */
	char tty_path[4096]; /* --tui, launch: trace.stdio_path points here */
};

/*
 * Parse the arguments of cmd (argv[0] is the program or sub-command name).
 * Returns 0 on success; 1 when the caller should exit 0 (--help, --version
 * printed); -1 on a usage error, with a one-line message in err (without
 * the "proctrace: " prefix; with "replay: " or "export: " for those).
 * Call options_free() after any return.
 */
int options_parse(enum options_command cmd, int argc, char **argv,
		  struct options *o, char *err, size_t errsize);
void options_free(struct options *o);
/*
 * options_parse for replay and export, which hold nothing to free: 0, 1
 * (exit 0), or -1 with the message printed on stderr (exit 1).
 */
int options_parse_subcommand(enum options_command cmd, int argc, char **argv,
			     struct options *o);
/* Parse a -e list into class bits; -1 with the bad word in err. */
int options_parse_classes(const char *list, unsigned *classes, char *err,
			  size_t errsize);

/* The text sink's options as the command line asked for them. */
struct text_opts options_text_opts(const struct options *o);

#endif
