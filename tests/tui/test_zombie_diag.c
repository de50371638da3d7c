/* tests/tui/test_zombie_diag.c - the model's per-signal counts and the zombie diagnosis text: pure inputs, expected lines. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "model/model.h"
#include "tui/zombie_diag.h"

static int failures, cases;
static uint64_t seq, ts;

static void check_str(const char *got, const char *want, const char *what)
{
	cases++;
	if (strcmp(got, want) != 0) {
		failures++;
		printf("FAIL: %s\n  got:  \"%s\"\n  want: \"%s\"\n", what, got,
		       want);
	}
}

static void feed(struct model *m, struct pt_event *ev)
{
	ev->seq = seq++;
	ev->ts = ts += 1000;
	model_event(m, ev);
}

static void ev_fork(struct model *m, pid_t parent, pid_t child)
{
	struct pt_event ev = { .kind = EV_CLONE, .pid = parent, .tid = parent };

	ev.u.clone.child_pid = ev.u.clone.child_tid = child;
	ev.u.clone.syscall = CS_FORK;
	feed(m, &ev);
}

static void ev_send(struct model *m, pid_t from, pid_t to, int sig, int err)
{
	struct pt_event ev = { .kind = EV_SIGNAL, .pid = from, .tid = from };

	ev.u.signal.kind = SK_SEND;
	ev.u.signal.sig = sig;
	ev.u.signal.target_pid = to;
	ev.u.signal.result = err;
	feed(m, &ev);
}

static void ev_deliver(struct model *m, pid_t to, int sig)
{
	struct pt_event ev = { .kind = EV_SIGNAL, .pid = to, .tid = to };

	ev.u.signal.kind = SK_DELIVER;
	ev.u.signal.sig = sig;
	feed(m, &ev);
}

static void test_sigcounts(void)
{
	struct model *m = model_new(NULL, NULL);
	char buf[512];

	ev_fork(m, 100, 101);
	for (int i = 0; i < 3; i++)
		ev_send(m, 100, 101, SIGUSR1, 0);
	ev_send(m, 100, 101, SIGUSR2, ESRCH); /* failed: not counted */
	ev_deliver(m, 101, SIGUSR1);
	ev_send(m, 100, 101, 40, 0);
	ev_send(m, 100, 101, 40, 0);
	ev_deliver(m, 101, 40);
	ev_deliver(m, 101, 40);
	ev_send(m, 100, 101, SIGKILL, 0);
	ev_send(m, 101, 101, SIGTERM, 0); /* to itself: both sides */
	ev_deliver(m, 101, SIGTERM);
	tui_zdiag_sigcounts(buf, sizeof(buf), model_find(m, 101));
	check_str(buf,
		  "SIGKILL: 1 sent to it, 0 delivered (SIGKILL has no delivery stop)\n"
		  "SIGUSR1: 3 sent to it, 1 delivered (standard signals merge while pending)\n"
		  "SIGTERM: 1 sent by it, 1 sent to it, 1 delivered\n"
		  "SIGRT_8: 2 sent to it, 2 delivered",
		  "counts of the receiver");
	tui_zdiag_sigcounts(buf, sizeof(buf), model_find(m, 100));
	check_str(buf,
		  "SIGKILL: 1 sent by it\n"
		  "SIGUSR1: 3 sent by it\n"
		  "SIGRT_8: 2 sent by it",
		  "counts of the sender");
	model_free(m);
}

static void test_wait_call(void)
{
	char buf[160];

	tui_zdiag_wait_call(buf, sizeof(buf), WS_WAIT4, -1, 0,
			    WNOHANG | __WALL);
	check_str(buf, "wait4(pid=-1, WNOHANG, __WALL)", "wait4 options");
	tui_zdiag_wait_call(buf, sizeof(buf), WS_WAITID, P_PGID, 0,
			    WEXITED | 0x100000);
	check_str(buf, "waitid(P_PGID, 0, WEXITED, 0x100000)",
		  "waitid, residue in hex");
	tui_zdiag_wait_call(buf, sizeof(buf), WS_WAITID, 9, 5, 0);
	check_str(buf, "waitid(9, 5)", "waitid, unknown idtype");
}

/* A parent asleep in wait4/waitid (from /proc) with the tracer's record. */
static struct tui_parent_facts facts_in_wait(enum wait_syscall k, int64_t a0,
					     int64_t a1, uint64_t opt)
{
	struct tui_parent_facts f = { .alive = true,
				      .state = 'S',
				      .pgid = 700,
				      .in_wait = k,
				      .wait_seen = true,
				      .wait_kind = k,
				      .wait_a0 = a0,
				      .wait_a1 = a1,
				      .wait_options = opt };

	f.syscall_nr = k == WS_WAITID ? 247 : 61;
	snprintf(f.syscall, sizeof(f.syscall), "%s",
		 k == WS_WAITID ? "waitid" : "wait4");
	return f;
}

static void test_diagnosis(void)
{
	const uint64_t chld = 1ull << (SIGCHLD - 1);
	struct tui_parent_facts f;
	struct tui_zdiag z = { .pid = 4712, .pgid = 700, .ppid = 4711,
			       .pcomm = "make" };
	char buf[640];

	f = facts_in_wait(WS_WAIT4, 4713, 0, 0);
	f.sig_cgt = chld;
	z.f = &f;
	tui_zdiag_format(buf, sizeof(buf), &z);
	check_str(buf,
		  "parent 4711 (make) is in wait4(pid=4713): waiting for a different child (4713)\n"
		  "SIGCHLD in parent: not blocked, caught (no SA_NOCLDWAIT: it would be reaped)\n"
		  "if the parent exits: init (pid 1) reaps it; no traced ancestor is a subreaper",
		  "wait4 for another child");

	f = facts_in_wait(WS_WAIT4, -701, 0, 0);
	tui_zdiag_format(buf, sizeof(buf), &z);
	check_str(strtok(buf, "\n"),
		  "parent 4711 (make) is in wait4(pid=-701): waiting for process group 701, a different one (it is in 700)",
		  "wait4 for another group");

	f = facts_in_wait(WS_WAITID, P_PGID, 0, WEXITED);
	tui_zdiag_format(buf, sizeof(buf), &z);
	check_str(strtok(buf, "\n"),
		  "parent 4711 (make) is in waitid(P_PGID, 0, WEXITED): waiting for process group 700, its own",
		  "waitid for its own group");

	f = facts_in_wait(WS_WAITID, P_PID, 4712, WSTOPPED);
	tui_zdiag_format(buf, sizeof(buf), &z);
	check_str(strtok(buf, "\n"),
		  "parent 4711 (make) is in waitid(P_PID, 4712, WUNTRACED): not waiting for exits (no WEXITED)",
		  "waitid without WEXITED");

	/* in wait, but the tracer saw none (attached mid-call): /proc's args */
	f = facts_in_wait(WS_WAIT4, 0, 0, 0);
	f.wait_seen = false;
	f.sc_args[0] = 4712;
	tui_zdiag_format(buf, sizeof(buf), &z);
	check_str(strtok(buf, "\n"),
		  "parent 4711 (make) is in wait4(pid=4712): waiting for it: the wait should collect it",
		  "wait args from /proc");

	f = (struct tui_parent_facts){ .alive = true,
				       .state = 'S',
				       .syscall_nr = 35,
				       .syscall = "nanosleep",
				       .wait_seen = true,
				       .wait_kind = WS_WAIT4,
				       .wait_a0 = -1,
				       .wait_options = WNOHANG,
				       .wait_age_s = 2.5,
				       .sig_blk = chld,
				       .sig_ign = chld };
	z.reaper = TZR_SUBREAPER;
	z.reaper_pid = 4700;
	z.reaper_comm = "systemd";
	tui_zdiag_format(buf, sizeof(buf), &z);
	check_str(buf,
		  "parent 4711 (make) is in nanosleep: not waiting (last wait4(pid=-1, WNOHANG) 2.5 s ago)\n"
		  "SIGCHLD in parent: blocked, ignored (set after it died: SIG_IGN reaps only later children) (no SA_NOCLDWAIT: it would be reaped)\n"
		  "if the parent exits: subreaper 4700 (systemd) reaps it",
		  "asleep, SIGCHLD blocked and ignored, a subreaper");

	f = (struct tui_parent_facts){ .alive = true, .syscall_nr = -1 };
	z.reaper = TZR_UNKNOWN;
	tui_zdiag_format(buf, sizeof(buf), &z);
	check_str(buf,
		  "parent 4711 (make) is running: not in a wait (no wait call seen)\n"
		  "SIGCHLD in parent: not blocked, default (no SA_NOCLDWAIT: it would be reaped)\n"
		  "if the parent exits: unknown (4700 (systemd) was attached: /proc does not show its subreaper flag), else init",
		  "running, an attached ancestor");

	/* a replay: no source facts, the model's last reap */
	z.f = NULL;
	z.last_reaped = 4710;
	z.last_reap_ago = 1.25;
	z.reaper = TZR_NS_INIT;
	tui_zdiag_format(buf, sizeof(buf), &z);
	check_str(buf,
		  "parent 4711 (make) syscall and wait: (live only); its last reap: 4710, 1.2 s ago\n"
		  "SIGCHLD in parent: (live only)\n"
		  "if the parent exits: 4700 (systemd), init of its pid namespace, reaps it",
		  "replay");
}

int main(void)
{
	test_sigcounts();
	test_wait_call();
	test_diagnosis();
	printf("%d/%d checks passed\n", cases - failures, cases);
	return failures ? 1 : 0;
}
