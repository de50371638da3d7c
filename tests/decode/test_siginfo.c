/* tests/decode/test_siginfo.c - table-driven tests of the si_code decoders. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decode.h"
#include "tests/decode/check.h"

/* Every name with the kernel's value, typed from asm-generic/siginfo.h. */
static const struct {
	int sig;
	int code;
	const char *want;
} name_cases[] = {
	/* Generic codes, for any signal. */
	{ SIGUSR1, 0, "SI_USER" },
	{ SIGSEGV, 0, "SI_USER" },
	{ SIGUSR1, 0x80, "SI_KERNEL" },
	{ SIGSEGV, 0x80, "SI_KERNEL" },
	{ SIGCHLD, 0x80, "SI_KERNEL" },
	{ 34, -1, "SI_QUEUE" },
	{ SIGALRM, -2, "SI_TIMER" },
	{ SIGUSR2, -3, "SI_MESGQ" },
	{ SIGIO, -4, "SI_ASYNCIO" },
	{ SIGIO, -5, "SI_SIGIO" },
	{ SIGTERM, -6, "SI_TKILL" },
	{ SIGKILL, -7, "SI_DETHREAD" },
	{ SIGUSR1, -60, "SI_ASYNCNL" },
	{ SIGUSR1, -8, "-8" },
	{ SIGUSR1, -59, "-59" },
	{ SIGUSR1, -61, "-61" },
	/* SIGILL */
	{ SIGILL, 1, "ILL_ILLOPC" },
	{ SIGILL, 2, "ILL_ILLOPN" },
	{ SIGILL, 3, "ILL_ILLADR" },
	{ SIGILL, 4, "ILL_ILLTRP" },
	{ SIGILL, 5, "ILL_PRVOPC" },
	{ SIGILL, 6, "ILL_PRVREG" },
	{ SIGILL, 7, "ILL_COPROC" },
	{ SIGILL, 8, "ILL_BADSTK" },
	{ SIGILL, 9, "ILL_BADIADDR" },
	{ SIGILL, 10, "10" },
	/* SIGFPE: 9..13 are ia64-only __FPE_* codes */
	{ SIGFPE, 1, "FPE_INTDIV" },
	{ SIGFPE, 2, "FPE_INTOVF" },
	{ SIGFPE, 3, "FPE_FLTDIV" },
	{ SIGFPE, 4, "FPE_FLTOVF" },
	{ SIGFPE, 5, "FPE_FLTUND" },
	{ SIGFPE, 6, "FPE_FLTRES" },
	{ SIGFPE, 7, "FPE_FLTINV" },
	{ SIGFPE, 8, "FPE_FLTSUB" },
	{ SIGFPE, 9, "9" },
	{ SIGFPE, 13, "13" },
	{ SIGFPE, 14, "FPE_FLTUNK" },
	{ SIGFPE, 15, "FPE_CONDTRAP" },
	{ SIGFPE, 16, "16" },
	/* SIGSEGV */
	{ SIGSEGV, 1, "SEGV_MAPERR" },
	{ SIGSEGV, 2, "SEGV_ACCERR" },
	{ SIGSEGV, 3, "SEGV_BNDERR" },
	{ SIGSEGV, 4, "SEGV_PKUERR" },
	{ SIGSEGV, 5, "SEGV_ACCADI" },
	{ SIGSEGV, 6, "SEGV_ADIDERR" },
	{ SIGSEGV, 7, "SEGV_ADIPERR" },
	{ SIGSEGV, 8, "SEGV_MTEAERR" },
	{ SIGSEGV, 9, "SEGV_MTESERR" },
	{ SIGSEGV, 10, "SEGV_CPERR" },
	{ SIGSEGV, 11, "11" },
	/* SIGBUS */
	{ SIGBUS, 1, "BUS_ADRALN" },
	{ SIGBUS, 2, "BUS_ADRERR" },
	{ SIGBUS, 3, "BUS_OBJERR" },
	{ SIGBUS, 4, "BUS_MCEERR_AR" },
	{ SIGBUS, 5, "BUS_MCEERR_AO" },
	{ SIGBUS, 6, "6" },
	/* SIGTRAP; ptrace's (event << 8 | SIGTRAP) codes are not named */
	{ SIGTRAP, 1, "TRAP_BRKPT" },
	{ SIGTRAP, 2, "TRAP_TRACE" },
	{ SIGTRAP, 3, "TRAP_BRANCH" },
	{ SIGTRAP, 4, "TRAP_HWBKPT" },
	{ SIGTRAP, 5, "TRAP_UNK" },
	{ SIGTRAP, 6, "TRAP_PERF" },
	{ SIGTRAP, 7, "7" },
	{ SIGTRAP, SIGTRAP | 0x80, "133" },
	{ SIGTRAP, 4 << 8 | SIGTRAP, "1029" },
	/* SIGCHLD */
	{ SIGCHLD, 1, "CLD_EXITED" },
	{ SIGCHLD, 2, "CLD_KILLED" },
	{ SIGCHLD, 3, "CLD_DUMPED" },
	{ SIGCHLD, 4, "CLD_TRAPPED" },
	{ SIGCHLD, 5, "CLD_STOPPED" },
	{ SIGCHLD, 6, "CLD_CONTINUED" },
	{ SIGCHLD, 7, "7" },
	/* SIGIO, alias SIGPOLL */
	{ SIGIO, 1, "POLL_IN" },
	{ SIGIO, 2, "POLL_OUT" },
	{ SIGIO, 3, "POLL_MSG" },
	{ SIGIO, 4, "POLL_ERR" },
	{ SIGIO, 5, "POLL_PRI" },
	{ SIGPOLL, 6, "POLL_HUP" },
	{ SIGIO, 7, "7" },
	/* SIGSYS */
	{ SIGSYS, 1, "SYS_SECCOMP" },
	{ SIGSYS, 2, "SYS_USER_DISPATCH" },
	{ SIGSYS, 3, "3" },
	/* Positive codes mean nothing for other signals. */
	{ SIGUSR1, 1, "1" },
	{ SIGKILL, 2, "2" },
	{ 0, 1, "1" },
	{ 99, 1, "1" },
	{ -1, 1, "1" },
	{ SIGUSR1, 2147483647, "2147483647" },
	{ SIGUSR1, -2147483647 - 1, "-2147483648" },
};

/* Reverse lookups beyond the round trips: name valid for another signal. */
static const struct {
	int sig;
	const char *name;
	const char *want; /* "ret code" */
} number_cases[] = {
	{ SIGSEGV, "SEGV_MAPERR", "0 1" },
	{ SIGSEGV, "SI_KERNEL", "0 128" },
	{ SIGSEGV, "SI_USER", "0 0" },
	{ SIGUSR1, "SI_ASYNCNL", "0 -60" },
	{ SIGPOLL, "POLL_HUP", "0 6" },
	{ SIGUSR1, "-8", "0 -8" },
	{ SIGSEGV, "12", "0 12" },
	{ SIGCHLD, "SEGV_MAPERR", "-1" },
	{ SIGUSR1, "CLD_EXITED", "-1" },
	{ SIGSYS, "TRAP_BRKPT", "-1" },
	{ SIGSEGV, "SEGV_FOO", "-1" },
	{ SIGSEGV, "segv_maperr", "-1" },
	{ SIGSEGV, "1x", "-1" },
	{ SIGSEGV, "99999999999", "-1" },
	{ SIGSEGV, "", "-1" },
	{ SIGSEGV, NULL, "-1" },
};

static const struct {
	int sig;
	int code;
	const char *want; /* "sender addr" as 0/1 */
} pred_cases[] = {
	{ SIGUSR1, 0, "1 0" },   /* SI_USER: kill(2) */
	{ SIGUSR1, -1, "1 0" },  /* SI_QUEUE */
	{ SIGUSR1, -6, "1 0" },  /* SI_TKILL */
	{ SIGUSR1, -3, "1 0" },  /* SI_MESGQ */
	{ SIGUSR1, -2, "0 0" },  /* SI_TIMER */
	{ SIGIO, -5, "0 0" },    /* SI_SIGIO */
	{ SIGKILL, -7, "0 0" },  /* SI_DETHREAD */
	{ SIGUSR1, -60, "0 0" }, /* SI_ASYNCNL */
	{ SIGSEGV, 0x80, "0 0" }, /* SI_KERNEL */
	{ SIGUSR1, 0x80, "0 0" },
	{ SIGSEGV, 0, "1 0" },   /* kill -SEGV: a sender, no fault address */
	{ SIGSEGV, 1, "0 1" },
	{ SIGSEGV, 10, "0 1" },
	{ SIGSEGV, 99, "0 1" },  /* unknown fault code: still a fault */
	{ SIGBUS, 2, "0 1" },
	{ SIGILL, 1, "0 1" },
	{ SIGFPE, 1, "0 1" },
	{ SIGTRAP, 1, "0 1" },
	{ SIGTRAP, 0x80, "0 0" },
	{ SIGTRAP, -6, "1 0" },
	{ SIGCHLD, 1, "1 0" },   /* CLD_EXITED */
	{ SIGCHLD, 6, "1 0" },   /* CLD_CONTINUED */
	{ SIGCHLD, 7, "0 0" },
	{ SIGCHLD, 0x80, "0 0" },
	{ SIGSYS, 1, "0 0" },    /* SYS_SECCOMP: si_call_addr, not si_addr */
	{ SIGIO, 1, "0 0" },
	{ SIGUSR1, 1, "0 0" },
};

static const size_t trunc_sizes[] = { 0, 1, 2, 5, 11, 12, 13 };

int main(void)
{
	char buf[64], got[64], input[128];
	size_t i;

	for (i = 0; i < XLAT_COUNT(name_cases); i++) {
		int sig = name_cases[i].sig, code = name_cases[i].code;
		size_t ret = decode_si_code(buf, sizeof(buf), sig, code);
		int back = 12345, found;

		snprintf(input, sizeof(input), "decode_si_code(%d, %d)", sig,
			 code);
		check(input, buf, name_cases[i].want);
		if (ret != strlen(buf))
			check(input, "wrong length", "length of text");

		snprintf(input, sizeof(input), "decode_si_code_number(%d, %s)",
			 sig, name_cases[i].want);
		found = decode_si_code_number(sig, name_cases[i].want, &back);
		snprintf(got, sizeof(got), "%d %d", found, back);
		snprintf(buf, sizeof(buf), "0 %d", code);
		check(input, got, buf);
	}

	for (i = 0; i < XLAT_COUNT(number_cases); i++) {
		int code = 12345;
		int ret = decode_si_code_number(number_cases[i].sig,
						number_cases[i].name, &code);

		snprintf(input, sizeof(input), "decode_si_code_number(%d, %s)",
			 number_cases[i].sig,
			 number_cases[i].name ? number_cases[i].name : "NULL");
		if (ret == 0)
			snprintf(got, sizeof(got), "%d %d", ret, code);
		else
			snprintf(got, sizeof(got), "%d", ret);
		check(input, got, number_cases[i].want);
	}

	/* Round trip every (signal, code) near the named ranges. */
	for (int sig = 0; sig <= 65; sig++) {
		for (int code = -70; code <= 140; code++) {
			int back = 12345, ret;

			decode_si_code(buf, sizeof(buf), sig, code);
			ret = decode_si_code_number(sig, buf, &back);
			snprintf(input, sizeof(input),
				 "round trip %d/%d via %s", sig, code, buf);
			snprintf(got, sizeof(got), "%d %d", ret, back);
			snprintf(buf, sizeof(buf), "0 %d", code);
			check(input, got, buf);
		}
	}

	for (i = 0; i < XLAT_COUNT(pred_cases); i++) {
		snprintf(input, sizeof(input), "has_sender/has_addr(%d, %d)",
			 pred_cases[i].sig, pred_cases[i].code);
		snprintf(got, sizeof(got), "%d %d",
			 decode_si_code_has_sender(pred_cases[i].sig,
						   pred_cases[i].code),
			 decode_si_code_has_addr(pred_cases[i].sig,
						 pred_cases[i].code));
		check(input, got, pred_cases[i].want);
	}

	for (i = 0; i < XLAT_COUNT(trunc_sizes); i++) {
		size_t size = trunc_sizes[i];
		char *small = canary_buf(size);
		size_t ret = decode_si_code(small, size, SIGSEGV, 2);

		snprintf(input, sizeof(input),
			 "decode_si_code(SIGSEGV, 2, size %zu)", size);
		check_trunc(input, "SEGV_ACCERR", ret, small, size);
		memset(small, 'Z', size + CANARY);
		ret = decode_si_code(small, size, SIGUSR1, -61);
		snprintf(input, sizeof(input),
			 "decode_si_code(SIGUSR1, -61, size %zu)", size);
		check_trunc(input, "-61", ret, small, size);
		free(small);
	}

	return check_report();
}
