/* zombie_diag.c - the zombie diagnosis and the signal counts as text: pure formatting of what the model and the source know. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>

#include "decode/decode.h"
#include "tui/zombie_diag.h"

#ifndef P_PIDFD
#define P_PIDFD 3
#endif

static const struct {
	uint64_t bit;
	const char *name;
} tui_zdiag_wopts[] = {
	{ WNOHANG, "WNOHANG" }, { WUNTRACED, "WUNTRACED" },
	{ WEXITED, "WEXITED" }, { WCONTINUED, "WCONTINUED" },
	{ WNOWAIT, "WNOWAIT" }, { __WNOTHREAD, "__WNOTHREAD" },
	{ __WALL, "__WALL" },	{ __WCLONE, "__WCLONE" },
};

static const char *const tui_zdiag_idtypes[] = {
	[P_ALL] = "P_ALL",
	[P_PID] = "P_PID",
	[P_PGID] = "P_PGID",
	[P_PIDFD] = "P_PIDFD",
};

/* Every known option bit by name, then the residue in hex. */
static void tui_zdiag_options(struct decode_buf *b, uint64_t options)
{
	for (size_t i = 0;
	     i < sizeof(tui_zdiag_wopts) / sizeof(tui_zdiag_wopts[0]); i++) {
		if (!(options & tui_zdiag_wopts[i].bit))
			continue;
		decode_buf_printf(b, ", %s", tui_zdiag_wopts[i].name);
		options &= ~tui_zdiag_wopts[i].bit;
	}
	if (options)
		decode_buf_printf(b, ", %#llx", (unsigned long long)options);
}

size_t tui_zdiag_wait_call(char *buf, size_t size, enum wait_syscall kind,
			   int64_t a0, int64_t a1, uint64_t options)
{
	struct decode_buf b;

	decode_buf_init(&b, buf, size);
	if (kind == WS_WAITID) {
		if (a0 >= 0 && a0 < (int64_t)(sizeof(tui_zdiag_idtypes) /
					      sizeof(tui_zdiag_idtypes[0])))
			decode_buf_printf(&b, "waitid(%s, %lld",
					  tui_zdiag_idtypes[a0], (long long)a1);
		else
			decode_buf_printf(&b, "waitid(%lld, %lld",
					  (long long)a0, (long long)a1);
	} else {
		decode_buf_printf(&b, "wait4(pid=%lld", (long long)a0);
	}
	tui_zdiag_options(&b, options);
	decode_buf_puts(&b, ")");
	return b.len;
}

/*
 * Whom the wait is for, as wait4/waitid read their arguments
 * (kernel/exit.c: pid > 0, -1, 0 the caller's group, < -1 group -pid).
 */
static void tui_zdiag_whom(struct decode_buf *b, const struct tui_zdiag *z,
			   enum wait_syscall kind, int64_t a0, int64_t a1,
			   uint64_t options)
{
	pid_t own_pg = z->f ? z->f->pgid : 0;
	int64_t pid = -1, pgrp = 0;
	bool exits = kind == WS_WAIT4 || (options & WEXITED);

	if (kind == WS_WAITID) {
		if (a0 == P_PIDFD) {
			decode_buf_printf(b,
					  "waiting for the child of pidfd %lld",
					  (long long)a1);
			return;
		}
		pid = a0 == P_PID ? a1 : -1;
		if (a0 == P_PGID)
			pgrp = a1 ? a1 : own_pg;
	} else if (a0 < -1) {
		pgrp = -a0;
	} else if (a0 == 0) {
		pgrp = own_pg;
	} else {
		pid = a0;
	}
	if (!exits) {
		decode_buf_puts(b, "not waiting for exits (no WEXITED)");
	} else if (pid > 0 && pid != z->pid) {
		decode_buf_printf(b, "waiting for a different child (%lld)",
				  (long long)pid);
	} else if (pgrp > 0 && z->pgid && pgrp != z->pgid) {
		decode_buf_printf(
			b,
			"waiting for process group %lld, a different one (it is in %d)",
			(long long)pgrp, (int)z->pgid);
	} else if (pgrp > 0 || (a0 == 0 && kind == WS_WAIT4)) {
		decode_buf_printf(b, "waiting for process group %lld%s",
				  (long long)pgrp, z->pgid ? ", its own" : "");
	} else if (options & __WCLONE) {
		decode_buf_puts(b,
				"waiting for clone children only (__WCLONE)");
	} else {
		decode_buf_puts(b,
				"waiting for it: the wait should collect it");
	}
}

/* Line 1: the parent's syscall and whether its wait is for this child. */
static void tui_zdiag_doing(struct decode_buf *b, const struct tui_zdiag *z)
{
	const struct tui_parent_facts *f = z->f;
	char call[160];

	if (z->ppid <= 0) {
		decode_buf_puts(b, "parent not traced: nothing known of it");
		return;
	}
	decode_buf_printf(b, "parent %d (%s) ", (int)z->ppid,
			  z->pcomm ? z->pcomm : "?");
	if (!f) {
		decode_buf_puts(b, "syscall and wait: (live only); ");
		if (z->last_reaped)
			decode_buf_printf(b, "its last reap: %d, %.1f s ago",
					  (int)z->last_reaped,
					  z->last_reap_ago);
		else
			decode_buf_puts(b, "no reap by it in the log");
		return;
	}
	if (!f->alive) {
		decode_buf_puts(b, "is gone: its reaper should collect it");
		return;
	}
	if (f->state == 'T' || f->state == 't') {
		decode_buf_printf(b, "is stopped (%c): not waiting", f->state);
	} else if (f->in_wait != WS_UNKNOWN) {
		/* the tracer's record of this call, else its /proc arguments */
		enum wait_syscall k = f->in_wait;
		bool rec = f->wait_seen && f->wait_kind == k;
		int64_t a0 = rec ? f->wait_a0 : f->sc_args[0];
		int64_t a1 = rec	    ? f->wait_a1 :
			     k == WS_WAITID ? f->sc_args[1] :
					      0;
		uint64_t o = rec ? f->wait_options :
				   (uint64_t)f->sc_args[k == WS_WAITID ? 3 : 2];

		tui_zdiag_wait_call(call, sizeof(call), k, a0, a1, o);
		decode_buf_printf(b, "is in %s: ", call);
		tui_zdiag_whom(b, z, k, a0, a1, o);
		return;
	} else if (f->syscall_nr == -1) {
		decode_buf_puts(b, "is running: not in a wait");
	} else if (f->syscall_nr >= 0) {
		decode_buf_printf(b, "is in %s: not waiting",
				  f->syscall[0] ? f->syscall : "?");
	} else {
		decode_buf_puts(b, "syscall unknown: not seen waiting");
	}
	if (f->wait_seen) {
		tui_zdiag_wait_call(call, sizeof(call), f->wait_kind,
				    f->wait_a0, f->wait_a1, f->wait_options);
		decode_buf_printf(b, " (last %s %.1f s ago)", call,
				  f->wait_age_s);
	} else {
		decode_buf_puts(b, " (no wait call seen)");
	}
}

/* Lines 2 and 3: SIGCHLD in the parent, and who reaps if it exits. */
static void tui_zdiag_fallback(struct decode_buf *b, const struct tui_zdiag *z)
{
	const struct tui_parent_facts *f = z->f;
	uint64_t bit = 1ull << (SIGCHLD - 1);
	const char *rc = z->reaper_comm ? z->reaper_comm : "?";

	if (z->ppid <= 0) {
		decode_buf_puts(b, "SIGCHLD in parent: not traced");
		return;
	}
	if (!f) {
		decode_buf_puts(b, "SIGCHLD in parent: (live only)");
	} else if (!f->alive) {
		decode_buf_puts(b, "SIGCHLD in parent: gone");
	} else {
		decode_buf_printf(
			b, "SIGCHLD in parent: %s, %s",
			f->sig_blk & bit ? "blocked" : "not blocked",
			f->sig_ign & bit ?
				"ignored (set after it died: SIG_IGN reaps only later children)" :
			f->sig_cgt & bit ? "caught" :
					   "default");
		decode_buf_puts(b, " (no SA_NOCLDWAIT: it would be reaped)");
	}
	switch (z->reaper) {
	case TZR_SUBREAPER:
		decode_buf_printf(
			b, "\nif the parent exits: subreaper %d (%s) reaps it",
			(int)z->reaper_pid, rc);
		break;
	case TZR_NS_INIT:
		decode_buf_printf(
			b,
			"\nif the parent exits: %d (%s), init of its pid namespace, reaps it",
			(int)z->reaper_pid, rc);
		break;
	case TZR_UNKNOWN:
		decode_buf_printf(
			b,
			"\nif the parent exits: unknown (%d (%s) was attached: /proc does not show its subreaper flag), else init",
			(int)z->reaper_pid, rc);
		break;
	case TZR_INIT:
		decode_buf_puts(
			b,
			"\nif the parent exits: init (pid 1) reaps it; no traced ancestor is a subreaper");
		break;
	}
}

size_t tui_zdiag_format(char *buf, size_t size, const struct tui_zdiag *z)
{
	struct decode_buf b;

	decode_buf_init(&b, buf, size);
	tui_zdiag_doing(&b, z);
	decode_buf_puts(&b, "\n");
	tui_zdiag_fallback(&b, z);
	return b.len;
}

size_t tui_zdiag_sigcounts(char *buf, size_t size, const struct model_proc *p)
{
	struct decode_buf b;
	char name[32];

	decode_buf_init(&b, buf, size);
	for (int sig = 1; sig < MODEL_NSIG; sig++) {
		const struct model_sigcount *c = model_sigcount(p, sig);
		const char *sep = ": ";

		if (!c || !(c->sent_by || c->sent_to || c->delivered))
			continue;
		decode_signal(name, sizeof(name), sig);
		decode_buf_printf(&b, "%s%s", b.len ? "\n" : "", name);
		if (c->sent_by) {
			decode_buf_printf(&b, "%s%lu sent by it", sep,
					  c->sent_by);
			sep = ", ";
		}
		if (c->sent_to) {
			decode_buf_printf(&b, "%s%lu sent to it", sep,
					  c->sent_to);
			sep = ", ";
		}
		/* "delivered" is about it receiving: not said of a sender only */
		if (c->sent_to || c->delivered)
			decode_buf_printf(&b, "%s%lu delivered", sep,
					  c->delivered);
		/* the kernel keeps one pending instance of 1..31 (legacy_queue) */
		if (c->sent_to > c->delivered && sig == SIGKILL)
			decode_buf_puts(&b, " (SIGKILL has no delivery stop)");
		else if (c->sent_to > c->delivered && sig < 32)
			decode_buf_puts(
				&b, " (standard signals merge while pending)");
	}
	return b.len;
}
