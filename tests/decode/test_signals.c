/* tests/decode/test_signals.c - table-driven tests of the signal names. */
#include "config.h"

#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decode.h"
#include "tests/decode/check.h"

static const struct {
	int sig;
	const char *want;
} name_cases[] = {
	{ 0, "0" },
	/* Every classic signal by number (x86_64), spelt as strace does. */
	{ 1, "SIGHUP" },
	{ 2, "SIGINT" },
	{ 3, "SIGQUIT" },
	{ 4, "SIGILL" },
	{ 5, "SIGTRAP" },
	{ 6, "SIGABRT" },
	{ 7, "SIGBUS" },
	{ 8, "SIGFPE" },
	{ 9, "SIGKILL" },
	{ 10, "SIGUSR1" },
	{ 11, "SIGSEGV" },
	{ 12, "SIGUSR2" },
	{ 13, "SIGPIPE" },
	{ 14, "SIGALRM" },
	{ 15, "SIGTERM" },
	{ 16, "SIGSTKFLT" },
	{ 17, "SIGCHLD" },
	{ 18, "SIGCONT" },
	{ 19, "SIGSTOP" },
	{ 20, "SIGTSTP" },
	{ 21, "SIGTTIN" },
	{ 22, "SIGTTOU" },
	{ 23, "SIGURG" },
	{ 24, "SIGXCPU" },
	{ 25, "SIGXFSZ" },
	{ 26, "SIGVTALRM" },
	{ 27, "SIGPROF" },
	{ 28, "SIGWINCH" },
	{ 29, "SIGIO" }, /* not glibc's SIGPOLL */
	{ 30, "SIGPWR" },
	{ 31, "SIGSYS" },
	/* Kernel real-time numbering, as strace prints it. */
	{ 32, "SIGRTMIN" },
	{ 33, "SIGRT_1" },
	{ 34, "SIGRT_2" },
	{ 35, "SIGRT_3" },
	{ 63, "SIGRT_31" },
	{ 64, "SIGRT_32" },
	/* Outside every range. */
	{ 65, "SIG65" },
	{ 128, "SIG128" },
	{ 255, "SIG255" },
	{ -1, "SIG-1" },
	{ INT_MAX, "SIG2147483647" },
	{ INT_MIN, "SIG-2147483648" },
};

/* Forms decode_signal never prints but decode_signal_number accepts. */
static const struct {
	const char *name;
	int want;
} number_cases[] = {
	{ "0", 0 },
	{ "SIG9", 9 },
	{ "SIG09", 9 },
	{ "SIG64", 64 },
	{ "SIG65", 65 },
	{ "SIGIO", SIGIO },
	{ "SIGPOLL", SIGIO },
	{ "SIGIOT", SIGABRT },
	{ "SIGCLD", SIGCHLD },
	{ "SIGRTMIN+0", 32 },
	{ "SIGRTMIN+2", 34 },
	{ "SIGRTMIN+32", 64 },
	{ "SIGRTMAX", 64 },
	{ "SIGRTMAX-0", 64 },
	{ "SIGRTMAX-30", 34 },
	{ "SIGRTMAX-32", 32 },
	/* Refused. */
	{ "SIGRTMIN+33", -1 },
	{ "SIGRTMAX-33", -1 },
	{ "SIGRTMIN+", -1 },
	{ "SIGRTMIN+-1", -1 },
	{ "SIGRTMIN-1", -1 },
	{ "SIGRT_0", -1 },
	{ "SIGRT_33", -1 },
	{ "SIGRT_1x", -1 },
	{ "SIG0", -1 },
	{ "SIG-1", -1 },
	{ "SIG", -1 },
	{ "SIGFOO", -1 },
	{ "SIG 9", -1 },
	{ "SIG99999999999", -1 },
	{ "KILL", -1 }, /* no SIG prefix: not required, refused */
	{ "sigkill", -1 },
	{ "SIGKILL ", -1 },
	{ "", -1 },
	{ NULL, -1 },
};

static const size_t trunc_sizes[] = { 0, 1, 2, 3, 4, 7, 8, 9 };
static const int trunc_sigs[] = { SIGKILL, 37, 32, 65, 0 };

int main(void)
{
	char buf[64], got[64], want[64], input[128];
	size_t i;
	int sig;

	for (i = 0; i < XLAT_COUNT(name_cases); i++) {
		size_t ret = decode_signal(buf, sizeof(buf), name_cases[i].sig);

		snprintf(input, sizeof(input), "decode_signal(%d)",
			 name_cases[i].sig);
		check(input, buf, name_cases[i].want);
		if (ret != strlen(buf))
			check(input, "wrong length", "length of text");
	}

	for (i = 0; i < XLAT_COUNT(number_cases); i++) {
		snprintf(input, sizeof(input), "decode_signal_number(%s)",
			 number_cases[i].name ? number_cases[i].name : "NULL");
		snprintf(got, sizeof(got), "%d",
			 decode_signal_number(number_cases[i].name));
		snprintf(want, sizeof(want), "%d", number_cases[i].want);
		check(input, got, want);
	}

	/* Round trip number -> name -> number over and past every range. */
	for (sig = 0; sig <= 300; sig++) {
		decode_signal(buf, sizeof(buf), sig);
		snprintf(input, sizeof(input), "round trip %d via %s", sig,
			 buf);
		snprintf(got, sizeof(got), "%d", decode_signal_number(buf));
		snprintf(want, sizeof(want), "%d", sig);
		check(input, got, want);
	}

	/* The three spellings of a kernel RT signal agree. */
	for (sig = 32; sig <= 64; sig++) {
		char plus[32], minus[32];

		snprintf(plus, sizeof(plus), "SIGRTMIN+%d", sig - 32);
		snprintf(minus, sizeof(minus), "SIGRTMAX-%d", 64 - sig);
		snprintf(input, sizeof(input), "%s / %s", plus, minus);
		snprintf(got, sizeof(got), "%d %d", decode_signal_number(plus),
			 decode_signal_number(minus));
		snprintf(want, sizeof(want), "%d %d", sig, sig);
		check(input, got, want);
	}

	/* glibc's SIGRTMIN/SIGRTMAX are runtime values: 34 and 64 here. */
	decode_signal(buf, sizeof(buf), SIGRTMIN);
	snprintf(want, sizeof(want), "SIGRT_%d", SIGRTMIN - 32);
	check("decode_signal(glibc SIGRTMIN)", buf, want);
	decode_signal(buf, sizeof(buf), SIGRTMAX);
	check("decode_signal(glibc SIGRTMAX)", buf, "SIGRT_32");

	for (i = 0; i < XLAT_COUNT(trunc_sigs); i++) {
		char full[64];

		decode_signal(full, sizeof(full), trunc_sigs[i]);
		for (size_t k = 0; k < XLAT_COUNT(trunc_sizes); k++) {
			size_t size = trunc_sizes[k];
			char *small = canary_buf(size);
			size_t ret = decode_signal(small, size, trunc_sigs[i]);

			snprintf(input, sizeof(input),
				 "decode_signal(%d, size %zu)", trunc_sigs[i],
				 size);
			check_trunc(input, full, ret, small, size);
			free(small);
		}
	}

	return check_report();
}
