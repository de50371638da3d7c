/* strace_opts.c - strace's options: the ones proctrace honours, and one line for each it cannot (doc/strace-compat.md). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli/strace_opts.h"
#include "tracer/filter.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

int strace_opts_set_follow(struct options *o, const char *arg, char *err,
			   size_t errsize)
{
	(void)arg, (void)err, (void)errsize;
	o->follow++;
	return 0;
}

int strace_opts_set_quiet(struct options *o, const char *arg, char *err,
			  size_t errsize)
{
	(void)arg, (void)err, (void)errsize;
	o->quiet++;
	return 0;
}

int strace_opts_set_daemonize(struct options *o, const char *arg, char *err,
			      size_t errsize)
{
	(void)arg;
	if (o->trace.daemonize) {
		snprintf(err, errsize,
			 "-DD, -DDD: not supported (only -D: the tracer as "
			 "a detached grandchild)");
		return -1;
	}
	o->trace.daemonize = true;
	return 0;
}

/* strace's -e qualifiers other than trace= and signal=: why not here. */
static const struct {
	const char *name;
	const char *why;
} strace_qualifiers[] = {
	{ "abbrev", "use -s N (-s -1: nothing abbreviated)" },
	{ "verbose", "use -s -1 and --env" },
	{ "quiet", "use -q or -qq" },
	{ "raw", "proctrace decodes no syscall arguments" },
	{ "read", "proctrace shows no data read or written" },
	{ "write", "proctrace shows no data read or written" },
	{ "status", "proctrace shows process events, not syscall results" },
	{ "fault", "proctrace injects nothing" },
	{ "inject", "proctrace injects nothing" },
	{ "kvm", "proctrace does not decode kvm" },
	{ "decode-fds", "proctrace decodes no syscall arguments" },
};

int strace_opts_expr(struct options *o, const char *arg,
		     const char **classes_list, char *err, size_t errsize)
{
	size_t len = strcspn(arg, "=");

	*classes_list = NULL;
	if (arg[len] == '\0') {
		*classes_list = arg;
		return 0;
	}
	if (strncmp(arg, "trace=", 6) == 0) {
		*classes_list = arg + 6;
		return 0;
	}
	if (strncmp(arg, "signal=", 7) == 0)
		return filter_parse_signals(arg + 7, &o->trace.signals_dropped,
					    err, errsize);
	for (size_t i = 0; i < ARRAY_SIZE(strace_qualifiers); i++) {
		if (strlen(strace_qualifiers[i].name) == len &&
		    strncmp(arg, strace_qualifiers[i].name, len) == 0) {
			snprintf(
				err, errsize,
				"-e %.*s=: strace's qualifier is not supported (%s)",
				(int)len, arg, strace_qualifiers[i].why);
			return -1;
		}
	}
	snprintf(err, errsize,
		 "-e: unknown qualifier '%.*s=' (known: trace=, signal=)",
		 (int)len, arg);
	return -1;
}

/* strace's options that proctrace has not: letter, long name, the line. */
static const struct {
	char letter;
	const char *name;
	const char *msg;
} strace_unsupported[] = {
	{ 'A', "output-append-mode", "-A: not supported (-o truncates FILE)" },
	{ 'a', "columns", "-a: not supported (no syscall result column)" },
	{ 'b', "detach-on",
	  "-b: not supported (proctrace follows through execve)" },
	{ 'c', "summary-only",
	  "-c: no syscall counts; use --summary (a table per process)" },
	{ 'C', NULL,
	  "-C: no syscall counts; use --summary (a table per process, after the events)" },
	{ 'd', "debug", "-d: not supported (no debug output)" },
	{ 'F', NULL,
	  "-F: not supported (proctrace always follows; -f is accepted)" },
	{ 'i', "instruction-pointer",
	  "-i: not supported; use --stack (the thread's stack at each event)" },
	{ 'I', "interruptible", "-I: not supported" },
	{ 'k', "stack-traces", "-k: use --stack" },
	{ 'n', "syscall-number", "-n: not supported (no syscall lines)" },
	{ 'O', "summary-syscall-overhead",
	  "-O: not supported (no syscall counts)" },
	{ 'P', "trace-path", "-P: not supported (proctrace filters no paths)" },
	{ 'S', "summary-sort-by",
	  "-S: not supported (--summary has one order)" },
	{ 'U', "summary-columns",
	  "-U: not supported (--summary has fixed columns)" },
	{ 'v', "no-abbrev", "-v: use -s -1 (and --env for the environment)" },
	{ 'w', "summary-wall-clock", "-w: not supported (no syscall counts)" },
	{ 'x', "strings-in-hex",
	  "-x: not supported (non-printable bytes are always shown as \\xNN)" },
	{ 'X', "const-print-style",
	  "-X: not supported (flags are shown by name)" },
	{ 'y', "decode-fds",
	  "-y: not supported (proctrace decodes no file descriptor arguments)" },
	{ 'Y', "decode-pids", "-Y: not supported (attach lines give comm)" },
	{ 'z', "successful-only", "-z: not supported (no syscall lines)" },
	{ 'Z', "failed-only", "-Z: not supported (no syscall lines)" },
	{ 0, "seccomp-bpf",
	  "--seccomp-bpf: not needed (launch mode always uses a seccomp filter; --no-seccomp turns it off)" },
};

const char *strace_opts_unsupported(int letter, const char *word)
{
	const char *typed = NULL; /* the long name, without "--" */
	size_t len = 0;

	if (!letter && word && strncmp(word, "--", 2) == 0) {
		typed = word + 2;
		len = strcspn(typed, "=");
	}
	for (size_t i = 0; i < ARRAY_SIZE(strace_unsupported); i++) {
		const char *name = strace_unsupported[i].name;

		if (letter && strace_unsupported[i].letter == letter)
			return strace_unsupported[i].msg;
		if (typed && name && strlen(name) == len &&
		    strncmp(typed, name, len) == 0)
			return strace_unsupported[i].msg;
	}
	return NULL;
}

struct text_opts options_text_opts(const struct options *o)
{
	return (struct text_opts){ .strsize = o->strsize,
				   .ts = o->ts,
				   .lifetimes = o->lifetimes,
				   .quiet = o->quiet,
				   .exec_context = o->exec_context,
				   .show_cmdline = o->show_cmdline };
}
