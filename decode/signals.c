/* decode/signals.c - signal numbers to names and back, kernel RT numbering. */
#include "config.h"

#include <limits.h>
#include <signal.h>
#include <string.h>

#include "decode/decode.h"

/*
 * The kernel's real-time range, not glibc's: glibc reserves 32 and 33 for
 * itself and reports SIGRTMIN as 34.  We name signals as the kernel (and
 * strace) numbers them, so 32 is "SIGRTMIN" and 34 is "SIGRT_2".
 */
enum {
	SIGNALS_KERNEL_RTMIN = 32,
	SIGNALS_KERNEL_RTMAX = 64,
	SIGNALS_RT_COUNT = SIGNALS_KERNEL_RTMAX - SIGNALS_KERNEL_RTMIN,
	SIGNALS_LAST_CLASSIC = 31,
};

_Static_assert(SIGNALS_KERNEL_RTMAX == _NSIG - 1, "kernel SIGRTMAX is 64");
_Static_assert(SIGSYS == SIGNALS_LAST_CLASSIC, "31 classic signals on x86_64");

/*
 * The classic signals by the names strace prints: our own table, not
 * glibc's sigabbrev_np(), which calls 29 "POLL" where strace says SIGIO.
 */
#define SIGNALS_NAME(x) [x] = #x
static const char *const signals_classic[SIGNALS_LAST_CLASSIC + 1] = {
	SIGNALS_NAME(SIGHUP),	 SIGNALS_NAME(SIGINT),	  SIGNALS_NAME(SIGQUIT),
	SIGNALS_NAME(SIGILL),	 SIGNALS_NAME(SIGTRAP),	  SIGNALS_NAME(SIGABRT),
	SIGNALS_NAME(SIGBUS),	 SIGNALS_NAME(SIGFPE),	  SIGNALS_NAME(SIGKILL),
	SIGNALS_NAME(SIGUSR1),	 SIGNALS_NAME(SIGSEGV),	  SIGNALS_NAME(SIGUSR2),
	SIGNALS_NAME(SIGPIPE),	 SIGNALS_NAME(SIGALRM),	  SIGNALS_NAME(SIGTERM),
	SIGNALS_NAME(SIGSTKFLT), SIGNALS_NAME(SIGCHLD),	  SIGNALS_NAME(SIGCONT),
	SIGNALS_NAME(SIGSTOP),	 SIGNALS_NAME(SIGTSTP),	  SIGNALS_NAME(SIGTTIN),
	SIGNALS_NAME(SIGTTOU),	 SIGNALS_NAME(SIGURG),	  SIGNALS_NAME(SIGXCPU),
	SIGNALS_NAME(SIGXFSZ),	 SIGNALS_NAME(SIGVTALRM), SIGNALS_NAME(SIGPROF),
	SIGNALS_NAME(SIGWINCH),	 SIGNALS_NAME(SIGIO),	  SIGNALS_NAME(SIGPWR),
	SIGNALS_NAME(SIGSYS),
};
#undef SIGNALS_NAME

/* Names read but never written: aliases (old logs said SIGPOLL), RT ends. */
static const struct xlat signals_aliases[] = {
	XLAT(SIGPOLL),
	XLAT(SIGIOT),
	XLAT(SIGCLD),
	{ SIGNALS_KERNEL_RTMIN, "SIGRTMIN" },
	{ SIGNALS_KERNEL_RTMAX, "SIGRTMAX" },
};

_Static_assert(SIGIO == SIGPOLL, "SIGIO is SIGPOLL");
_Static_assert(SIGIOT == SIGABRT, "SIGIOT is SIGABRT");
_Static_assert(SIGCLD == SIGCHLD, "SIGCLD is SIGCHLD");

/* Real-time forms "<prefix>n": signal = base + dir * n, n in [min, COUNT]. */
static const struct signals_rt_form {
	const char *prefix;
	int min;
	int base;
	int dir;
} signals_rt_forms[] = {
	{ "SIGRT_", 1, SIGNALS_KERNEL_RTMIN, 1 },
	{ "SIGRTMIN+", 0, SIGNALS_KERNEL_RTMIN, 1 },
	{ "SIGRTMAX-", 0, SIGNALS_KERNEL_RTMAX, -1 },
};

size_t decode_signal(char *buf, size_t size, int sig)
{
	struct decode_buf b;

	decode_buf_init(&b, buf, size);
	if (sig == 0) {
		decode_buf_puts(&b, "0");
	} else if (sig > 0 && sig <= SIGNALS_LAST_CLASSIC &&
		   signals_classic[sig]) {
		decode_buf_puts(&b, signals_classic[sig]);
	} else if (sig == SIGNALS_KERNEL_RTMIN) {
		decode_buf_puts(&b, "SIGRTMIN");
	} else if (sig > SIGNALS_KERNEL_RTMIN && sig <= SIGNALS_KERNEL_RTMAX) {
		decode_buf_printf(&b, "SIGRT_%d", sig - SIGNALS_KERNEL_RTMIN);
	} else {
		decode_buf_printf(&b, "SIG%d", sig);
	}
	return b.len;
}

/* A decimal number in [lo, hi] filling all of s, or -1. */
static int signals_parse_num(const char *s, int lo, int hi)
{
	long v;

	/* Digits only: no sign, so "SIG-1" and "SIGRTMIN+-1" are refused. */
	if (*s < '0' || *s > '9' || decode_parse_int(s, lo, hi, &v) < 0)
		return -1;
	return (int)v;
}

int decode_signal_number(const char *name)
{
	uint64_t v;
	int n;

	if (!name)
		return -1;
	if (strcmp(name, "0") == 0)
		return 0;
	if (strncmp(name, "SIG", 3) != 0)
		return -1;
	for (int sig = 1; sig <= SIGNALS_LAST_CLASSIC; sig++)
		if (signals_classic[sig] &&
		    strcmp(signals_classic[sig], name) == 0)
			return sig;
	if (xlat_value(signals_aliases, XLAT_COUNT(signals_aliases), name,
		       &v) == 0)
		return (int)v;
	for (size_t i = 0; i < XLAT_COUNT(signals_rt_forms); i++) {
		const struct signals_rt_form *f = &signals_rt_forms[i];
		size_t len = strlen(f->prefix);

		if (strncmp(name, f->prefix, len) != 0)
			continue;
		n = signals_parse_num(name + len, f->min, SIGNALS_RT_COUNT);
		return n < 0 ? -1 : f->base + f->dir * n;
	}
	return signals_parse_num(name + 3, 1, INT_MAX);
}
