/* outfile.h - where a command's output goes: a file, or "-" for a stdout that must be open. */
#ifndef PROCTRACE_OUTFILE_H
#define PROCTRACE_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/*
 * Call first in main: each closed descriptor 0, 1, 2 gets /dev/null,
 * close-on-exec, so the first file proctrace opens (a signalfd, the log
 * being read) cannot become its "stdout", and a launched command still
 * starts with it closed, as it would untraced.
 */
void outfile_reserve_std(void);

/*
 * Open path for writing ("-" = stdout, *close_it false).  NULL when stdout
 * is closed or the file cannot be opened, with a one-line message (no
 * "proctrace: " prefix) in err; what names the output in it ("--json -").
 */
FILE *outfile_open(const char *what, const char *path, bool *close_it,
		   char *err, size_t errsize);

#endif
