/* options.h - the command line, parsed into one struct. */
#ifndef PROCTRACE_CLI_OPTIONS_H
#define PROCTRACE_CLI_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "output/text_sink.h"
#include "tracer/trace_opts.h"

struct options {
	struct trace_opts trace;	/* what the engine is asked to do */
	const char *text_path;	/* -o */
	const char *json_path;	/* --json */
	unsigned classes_asked;	/* the bits named explicitly with -e */
	int strsize;		/* -s */
	enum text_ts ts;	/* -t -tt -r */
	bool summary;		/* --summary */
	bool tui;		/* --tui */
	const char *tty_out;	/* --tty-out FILE: the tracee's stdio under --tui */
	bool no_color;		/* --no-color, or NO_COLOR set */
	char tty_path[4096];	/* --tui, launch: trace.stdio_path points here */
};

/*
 * Parse argv.  Returns 0 on success; 1 when the caller should exit 0
 * (--help, --version printed); -1 on a usage error, with a one-line message
 * (without the "proctrace: " prefix) in err.
 */
int options_parse(int argc, char **argv, struct options *o, char *err,
		  size_t errsize);
void options_free(struct options *o);
/* Parse a -e list into class bits; -1 with the bad word in err. */
int options_parse_classes(const char *list, unsigned *classes, char *err,
			  size_t errsize);

#endif
