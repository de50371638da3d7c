/* decode/siginfo.c - si_code values per signal to names and back. */
#include "config.h"

#include <limits.h>
#include <signal.h>

#include "decode/decode.h"

/*
 * Codes glibc 2.36 does not define yet, with the values of the kernel's
 * include/uapi/asm-generic/siginfo.h.  glibc's own codes are enumerators
 * with a same-name #define, so #ifndef sees them.
 */
#ifndef SEGV_CPERR
#define SEGV_CPERR 10 /* control protection fault (shadow stack), 6.6 */
#endif
#ifndef TRAP_PERF
#define TRAP_PERF 6 /* perf event with sigtrap=1, Linux 5.13 */
#endif
#ifndef SYS_SECCOMP
#define SYS_SECCOMP 1 /* seccomp SECCOMP_RET_TRAP */
#endif
#ifndef SYS_USER_DISPATCH
#define SYS_USER_DISPATCH 2 /* syscall user dispatch, Linux 5.11 */
#endif

/*
 * Tables as lists of (name, kernel value): each row becomes a table entry
 * and a static assertion against the installed headers.
 */
#define SIGINFO_ROW(name, val) { (uint64_t)(int64_t)(val), #name },
#define SIGINFO_CHECK(name, val) \
	_Static_assert((name) == (val), #name " differs from the kernel");

/* Codes any signal may carry: <= 0 from user space, SI_KERNEL. */
#define SIGINFO_GENERIC(X) \
	X(SI_USER, 0)      \
	X(SI_KERNEL, 0x80) \
	X(SI_QUEUE, -1)    \
	X(SI_TIMER, -2)    \
	X(SI_MESGQ, -3)    \
	X(SI_ASYNCIO, -4)  \
	X(SI_SIGIO, -5)    \
	X(SI_TKILL, -6)    \
	X(SI_DETHREAD, -7) \
	X(SI_ASYNCNL, -60)

#define SIGINFO_ILL(X)   \
	X(ILL_ILLOPC, 1) \
	X(ILL_ILLOPN, 2) \
	X(ILL_ILLADR, 3) \
	X(ILL_ILLTRP, 4) \
	X(ILL_PRVOPC, 5) \
	X(ILL_PRVREG, 6) \
	X(ILL_COPROC, 7) \
	X(ILL_BADSTK, 8) \
	X(ILL_BADIADDR, 9)

#define SIGINFO_FPE(X)    \
	X(FPE_INTDIV, 1)  \
	X(FPE_INTOVF, 2)  \
	X(FPE_FLTDIV, 3)  \
	X(FPE_FLTOVF, 4)  \
	X(FPE_FLTUND, 5)  \
	X(FPE_FLTRES, 6)  \
	X(FPE_FLTINV, 7)  \
	X(FPE_FLTSUB, 8)  \
	X(FPE_FLTUNK, 14) \
	X(FPE_CONDTRAP, 15)

#define SIGINFO_SEGV(X)    \
	X(SEGV_MAPERR, 1)  \
	X(SEGV_ACCERR, 2)  \
	X(SEGV_BNDERR, 3)  \
	X(SEGV_PKUERR, 4)  \
	X(SEGV_ACCADI, 5)  \
	X(SEGV_ADIDERR, 6) \
	X(SEGV_ADIPERR, 7) \
	X(SEGV_MTEAERR, 8) \
	X(SEGV_MTESERR, 9) \
	X(SEGV_CPERR, 10)

#define SIGINFO_BUS(X)      \
	X(BUS_ADRALN, 1)    \
	X(BUS_ADRERR, 2)    \
	X(BUS_OBJERR, 3)    \
	X(BUS_MCEERR_AR, 4) \
	X(BUS_MCEERR_AO, 5)

#define SIGINFO_TRAP(X)   \
	X(TRAP_BRKPT, 1)  \
	X(TRAP_TRACE, 2)  \
	X(TRAP_BRANCH, 3) \
	X(TRAP_HWBKPT, 4) \
	X(TRAP_UNK, 5)    \
	X(TRAP_PERF, 6)

#define SIGINFO_CHLD(X)   \
	X(CLD_EXITED, 1)  \
	X(CLD_KILLED, 2)  \
	X(CLD_DUMPED, 3)  \
	X(CLD_TRAPPED, 4) \
	X(CLD_STOPPED, 5) \
	X(CLD_CONTINUED, 6)

#define SIGINFO_POLL(X) \
	X(POLL_IN, 1)   \
	X(POLL_OUT, 2)  \
	X(POLL_MSG, 3)  \
	X(POLL_ERR, 4)  \
	X(POLL_PRI, 5)  \
	X(POLL_HUP, 6)

#define SIGINFO_SYS(X)    \
	X(SYS_SECCOMP, 1) \
	X(SYS_USER_DISPATCH, 2)

static const struct xlat siginfo_generic[] = { SIGINFO_GENERIC(SIGINFO_ROW) };
static const struct xlat siginfo_ill[] = { SIGINFO_ILL(SIGINFO_ROW) };
static const struct xlat siginfo_fpe[] = { SIGINFO_FPE(SIGINFO_ROW) };
static const struct xlat siginfo_segv[] = { SIGINFO_SEGV(SIGINFO_ROW) };
static const struct xlat siginfo_bus[] = { SIGINFO_BUS(SIGINFO_ROW) };
static const struct xlat siginfo_trap[] = { SIGINFO_TRAP(SIGINFO_ROW) };
static const struct xlat siginfo_chld[] = { SIGINFO_CHLD(SIGINFO_ROW) };
static const struct xlat siginfo_poll[] = { SIGINFO_POLL(SIGINFO_ROW) };
static const struct xlat siginfo_sys[] = { SIGINFO_SYS(SIGINFO_ROW) };

SIGINFO_GENERIC(SIGINFO_CHECK)
SIGINFO_ILL(SIGINFO_CHECK)
SIGINFO_FPE(SIGINFO_CHECK)
SIGINFO_SEGV(SIGINFO_CHECK)
SIGINFO_BUS(SIGINFO_CHECK)
SIGINFO_TRAP(SIGINFO_CHECK)
SIGINFO_CHLD(SIGINFO_CHECK)
SIGINFO_POLL(SIGINFO_CHECK)
SIGINFO_SYS(SIGINFO_CHECK)

/* Which signals have their own positive codes, and whether they are faults. */
struct siginfo_sig {
	int sig;
	const struct xlat *tab;
	size_t n;
	bool fault; /* si_addr is the faulting address */
};

#define SIGINFO_SIG(s, t, f)           \
	{                              \
		s, t, XLAT_COUNT(t), f \
	}

static const struct siginfo_sig siginfo_sigs[] = {
	SIGINFO_SIG(SIGILL, siginfo_ill, true),
	SIGINFO_SIG(SIGFPE, siginfo_fpe, true),
	SIGINFO_SIG(SIGSEGV, siginfo_segv, true),
	SIGINFO_SIG(SIGBUS, siginfo_bus, true),
	SIGINFO_SIG(SIGTRAP, siginfo_trap, true),
	SIGINFO_SIG(SIGCHLD, siginfo_chld, false),
	SIGINFO_SIG(SIGIO, siginfo_poll, false),
	SIGINFO_SIG(SIGSYS, siginfo_sys, false),
};

_Static_assert(SIGPOLL == SIGIO, "SIGPOLL and SIGIO share the POLL_* codes");

static const struct siginfo_sig *siginfo_find_sig(int sig)
{
	for (size_t i = 0; i < XLAT_COUNT(siginfo_sigs); i++)
		if (siginfo_sigs[i].sig == sig)
			return &siginfo_sigs[i];
	return NULL;
}

/* Positive codes other than SI_KERNEL mean something only for their signal. */
static bool siginfo_is_specific(int code)
{
	return code > 0 && code != SI_KERNEL;
}

static const char *siginfo_name(int sig, int code)
{
	const struct siginfo_sig *s;

	if (!siginfo_is_specific(code))
		return xlat_name(siginfo_generic, XLAT_COUNT(siginfo_generic),
				 (uint64_t)(int64_t)code);
	s = siginfo_find_sig(sig);
	return s ? xlat_name(s->tab, s->n, (uint64_t)code) : NULL;
}

size_t decode_si_code(char *buf, size_t size, int sig, int code)
{
	const char *name = siginfo_name(sig, code);
	struct decode_buf b;

	decode_buf_init(&b, buf, size);
	if (name)
		decode_buf_puts(&b, name);
	else
		decode_buf_printf(&b, "%d", code);
	return b.len;
}

int decode_si_code_number(int sig, const char *name, int *code)
{
	const struct siginfo_sig *s = siginfo_find_sig(sig);
	uint64_t v;
	long n;

	if (!name)
		return -1;
	if (xlat_value(siginfo_generic, XLAT_COUNT(siginfo_generic), name,
		       &v) == 0 ||
	    (s && xlat_value(s->tab, s->n, name, &v) == 0)) {
		if (code)
			*code = (int)(int64_t)v;
		return 0;
	}
	/* decode_si_code prints unknown codes as numbers: take them back. */
	if (decode_parse_int(name, INT_MIN, INT_MAX, &n) == 0) {
		if (code)
			*code = (int)n;
		return 0;
	}
	return -1;
}

bool decode_si_code_has_sender(int sig, int code)
{
	switch (code) {
	case SI_USER:
	case SI_QUEUE:
	case SI_TKILL:
	case SI_MESGQ:
		return true;
	default:
		break;
	}
	/* A child's status change: si_pid is the child. */
	return sig == SIGCHLD &&
	       xlat_name(siginfo_chld, XLAT_COUNT(siginfo_chld),
			 (uint64_t)(int64_t)code) != NULL;
}

bool decode_si_code_has_addr(int sig, int code)
{
	const struct siginfo_sig *s = siginfo_find_sig(sig);

	return s && s->fault && siginfo_is_specific(code);
}
