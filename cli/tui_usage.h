/* tui_usage.h - CPU% and RSS of live processes for the tree's columns (the tui_source usage op). */
#ifndef PROCTRACE_CLI_TUI_USAGE_H
#define PROCTRACE_CLI_TUI_USAGE_H

#include <sys/types.h>

struct tui_usage;

/* A table of last samples; NULL when out of memory. */
struct tui_usage *tui_usage_new(void);
void tui_usage_free(struct tui_usage *t);

/*
 * From /proc/PID/stat: CPU use in percent of one CPU since the last sample
 * of pid at least 0.5 s ago (the first: since it started), and the RSS in
 * KiB.  Returns 0, or -1 when pid is gone (or t is NULL).
 */
int tui_usage_read(struct tui_usage *t, pid_t pid, double *cpu_pct,
		   unsigned long *rss_kib);

#endif
