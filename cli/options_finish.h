/* options_finish.h - the checks of a parsed command line, one per command (cli/options.c calls them). */
#ifndef PROCTRACE_OPTIONS_FINISH_H
#define PROCTRACE_OPTIONS_FINISH_H

#include <stddef.h>

#include "cli/options.h"

#define EXPORT_USAGE \
	"(usage: proctrace export --perfetto|--pftrace LOG [-o OUT])"

/*
 * Each takes the n words after the options, checks what must hold, and
 * returns 0, or -1 with the reason in err.
 */
/* proctrace: the words are the command; the conflicts table; the tty path. */
int options_finish_trace(struct options *o, int n, char **words, char *err,
			 size_t errsize);
/* replay: exactly one word, the log. */
int options_finish_replay(struct options *o, int n, char **words, char *err,
			  size_t errsize);
/* export: no words; the log comes with its format, --perfetto LOG. */
int options_finish_export(struct options *o, int n, char **words, char *err,
			  size_t errsize);

#endif
