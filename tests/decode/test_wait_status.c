/* tests/decode/test_wait_status.c - tests of wait status and option words. */
#include "config.h"

#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "decode/decode.h"
#include "tests/decode/check.h"

#define EVENT(ev, sig) (W_STOPCODE(sig) | (ev) << 16)

static const struct {
	int status;
	const char *want;
} status_cases[] = {
	{ W_EXITCODE(0, 0), "exit 0" },
	{ W_EXITCODE(1, 0), "exit 1" },
	{ W_EXITCODE(255, 0), "exit 255" },
	{ W_EXITCODE(0, SIGKILL), "killed by SIGKILL" },
	{ W_EXITCODE(0, SIGTERM), "killed by SIGTERM" },
	{ W_EXITCODE(0, SIGSEGV) | WCOREFLAG,
	  "killed by SIGSEGV (core dumped)" },
	{ W_EXITCODE(0, SIGABRT) | WCOREFLAG,
	  "killed by SIGABRT (core dumped)" },
	{ W_EXITCODE(0, 32), "killed by SIGRTMIN" },
	{ W_EXITCODE(0, 34), "killed by SIGRT_2" },
	{ W_EXITCODE(0, 64), "killed by SIGRT_32" },
	{ W_EXITCODE(0, 126), "killed by SIG126" },
	{ W_STOPCODE(SIGSTOP), "stopped by SIGSTOP" },
	{ W_STOPCODE(SIGTSTP), "stopped by SIGTSTP" },
	{ W_STOPCODE(SIGTTIN), "stopped by SIGTTIN" },
	{ W_STOPCODE(SIGTRAP), "stopped by SIGTRAP" },
	{ W_STOPCODE(SIGCHLD), "stopped by SIGCHLD" }, /* signal-delivery */
	{ W_STOPCODE(33), "stopped by SIGRT_1" },
	{ W_STOPCODE(SIGSTOP | 0x80), "stopped by SIG147" },
	{ __W_CONTINUED, "continued" },
	/* PTRACE_O_TRACESYSGOOD */
	{ W_STOPCODE(SIGTRAP | 0x80), "syscall stop SIGTRAP|0x80" },
	/* status >> 16: every PTRACE_EVENT_*, by the kernel's values */
	{ EVENT(1, SIGTRAP), "ptrace event stop SIGTRAP <FORK>" },
	{ EVENT(2, SIGTRAP), "ptrace event stop SIGTRAP <VFORK>" },
	{ EVENT(3, SIGTRAP), "ptrace event stop SIGTRAP <CLONE>" },
	{ EVENT(4, SIGTRAP), "ptrace event stop SIGTRAP <EXEC>" },
	{ EVENT(5, SIGTRAP), "ptrace event stop SIGTRAP <VFORK_DONE>" },
	{ EVENT(6, SIGTRAP), "ptrace event stop SIGTRAP <EXIT>" },
	{ EVENT(7, SIGTRAP), "ptrace event stop SIGTRAP <SECCOMP>" },
	{ EVENT(128, SIGTRAP), "ptrace event stop SIGTRAP <STOP>" },
	/* group-stop of a PTRACE_SEIZEd task */
	{ EVENT(128, SIGSTOP), "ptrace event stop SIGSTOP <STOP>" },
	{ EVENT(128, SIGTSTP), "ptrace event stop SIGTSTP <STOP>" },
	{ EVENT(8, SIGTRAP), "ptrace event stop SIGTRAP <8>" },
	{ EVENT(255, SIGTRAP), "ptrace event stop SIGTRAP <255>" },
	/* Bits no form explains are shown, never dropped. */
	{ 0x80, "exit 0 (status 0x80)" },
	{ 0x10000, "exit 0 (status 0x10000)" },
	{ W_EXITCODE(3, 0) | 0x1000000, "exit 3 (status 0x1000300)" },
	{ W_EXITCODE(0, SIGKILL) | 0x100, "killed by SIGKILL (status 0x109)" },
	{ EVENT(4, SIGTRAP) | 0x1000000,
	  "ptrace event stop SIGTRAP <EXEC> (status 0x104057f)" },
	{ 0xff, "unknown (status 0xff)" },
	{ 0x1ffff, "unknown (status 0x1ffff)" },
	{ -1, "unknown (status 0xffffffff)" },
};

static const struct {
	uint64_t options;
	const char *want;
} option_cases[] = {
	{ 0, "0" },
	{ WNOHANG, "WNOHANG" },
	{ WUNTRACED, "WUNTRACED" },
	{ WSTOPPED, "WUNTRACED" },
	{ WEXITED, "WEXITED" },
	{ WCONTINUED, "WCONTINUED" },
	{ WNOWAIT, "WNOWAIT" },
	{ __WNOTHREAD, "__WNOTHREAD" },
	{ __WALL, "__WALL" },
	{ __WCLONE, "__WCLONE" },
	{ __WALL | WNOHANG, "WNOHANG|__WALL" },
	{ WEXITED | WSTOPPED | WNOWAIT, "WUNTRACED|WEXITED|WNOWAIT" },
	{ 0x10, "0x10" },
	{ WNOHANG | 0x10, "WNOHANG|0x10" },
	{ 0xffffffff,
	  "WNOHANG|WUNTRACED|WEXITED|WCONTINUED|WNOWAIT|__WNOTHREAD|__WALL|"
	  "__WCLONE|0x1efffff0" },
	{ 0x100000000ULL | __WCLONE, "__WCLONE|0x100000000" },
};

/* The words the glibc macros give for a status: the oracle for live ones. */
static void reference(char *buf, size_t size, int s)
{
	char sig[32];

	if (WIFEXITED(s)) {
		snprintf(buf, size, "exit %d", WEXITSTATUS(s));
	} else if (WIFSIGNALED(s)) {
		decode_signal(sig, sizeof(sig), WTERMSIG(s));
		snprintf(buf, size, "killed by %s%s", sig,
			 WCOREDUMP(s) ? " (core dumped)" : "");
	} else if (WIFSTOPPED(s) && (s >> 16) == 0 &&
		   WSTOPSIG(s) != (SIGTRAP | 0x80)) {
		decode_signal(sig, sizeof(sig), WSTOPSIG(s));
		snprintf(buf, size, "stopped by %s", sig);
	} else if (WIFCONTINUED(s)) {
		snprintf(buf, size, "continued");
	} else {
		snprintf(buf, size, "(no reference)");
	}
}

/* How a live child ends; the parent acts on ITS OWN child only. */
enum live_how {
	LIVE_EXIT,  /* child: _exit(arg) */
	LIVE_KILL,  /* child: pause(); parent: kill(child, arg) */
	LIVE_RAISE, /* child: raise(arg), not dumpable so no core */
};

static const struct {
	const char *name;
	enum live_how how;
	int arg;
	const char *want;
} live_cases[] = {
	{ "_exit(0)", LIVE_EXIT, 0, "exit 0" },
	{ "_exit(42)", LIVE_EXIT, 42, "exit 42" },
	{ "_exit(255)", LIVE_EXIT, 255, "exit 255" },
	{ "kill SIGKILL", LIVE_KILL, SIGKILL, "killed by SIGKILL" },
	{ "kill SIGTERM", LIVE_KILL, SIGTERM, "killed by SIGTERM" },
	{ "kill SIGRTMIN+3", LIVE_KILL, 35, "killed by SIGRT_3" },
	{ "raise SIGSEGV", LIVE_RAISE, SIGSEGV, "killed by SIGSEGV" },
	{ "raise SIGABRT", LIVE_RAISE, SIGABRT, "killed by SIGABRT" },
};

/* Decode a live status and check it against want and the glibc macros. */
static void check_live(const char *name, int status, const char *want)
{
	char input[128], got[128], ref[128];

	decode_wait_status(got, sizeof(got), status);
	snprintf(input, sizeof(input), "live %s (status %#x)", name, status);
	check(input, got, want);
	reference(ref, sizeof(ref), status);
	if (strcmp(ref, "(no reference)") != 0) {
		snprintf(input, sizeof(input), "glibc macros on live %s", name);
		check(input, got, ref);
	}
}

static void run_live_cases(void)
{
	for (size_t i = 0; i < XLAT_COUNT(live_cases); i++) {
		struct rlimit no_core = { 0, 0 };
		int status = 0;
		pid_t pid = fork();

		if (pid < 0) {
			check(live_cases[i].name, "fork failed", "a child");
			continue;
		}
		if (pid == 0) {
			switch (live_cases[i].how) {
			case LIVE_EXIT:
				_exit(live_cases[i].arg);
			case LIVE_KILL:
				for (;;)
					pause();
			case LIVE_RAISE:
				setrlimit(RLIMIT_CORE, &no_core);
				prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
				signal(live_cases[i].arg, SIG_DFL);
				raise(live_cases[i].arg);
				_exit(100);
			}
			_exit(101);
		}
		if (live_cases[i].how == LIVE_KILL)
			kill(pid, live_cases[i].arg);
		if (waitpid(pid, &status, 0) != pid) {
			check(live_cases[i].name, "waitpid failed", "a status");
			continue;
		}
		check_live(live_cases[i].name, status, live_cases[i].want);
	}
}

/* Stop and continue a child: WUNTRACED and WCONTINUED statuses. */
static void run_live_stop(void)
{
	int status = 0;
	pid_t pid = fork();

	if (pid < 0) {
		check("stop/continue", "fork failed", "a child");
		return;
	}
	if (pid == 0) {
		raise(SIGSTOP);
		for (;;)
			pause();
	}
	if (waitpid(pid, &status, WUNTRACED) == pid)
		check_live("raise SIGSTOP", status, "stopped by SIGSTOP");
	kill(pid, SIGCONT);
	if (waitpid(pid, &status, WCONTINUED) == pid)
		check_live("kill SIGCONT", status, "continued");
	kill(pid, SIGKILL);
	if (waitpid(pid, &status, 0) == pid)
		check_live("kill SIGKILL after SIGCONT", status,
			   "killed by SIGKILL");
}

/*
 * Under ptrace: the initial stop, a syscall stop with TRACESYSGOOD, the
 * PTRACE_EVENT_EXIT stop, and the exit.  Skipped (not failed) when this
 * system forbids PTRACE_TRACEME: the child then exits with 99.
 */
static void run_live_ptrace(void)
{
	int status = 0;
	pid_t pid = fork();

	if (pid < 0) {
		check("ptrace", "fork failed", "a child");
		return;
	}
	if (pid == 0) {
		if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) < 0)
			_exit(99);
		raise(SIGSTOP);
		getppid();
		_exit(7);
	}
	if (waitpid(pid, &status, 0) != pid)
		return;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 99) {
		printf("note: PTRACE_TRACEME refused, "
		       "ptrace statuses skipped\n");
		return;
	}
	check_live("ptrace initial stop", status, "stopped by SIGSTOP");
	ptrace(PTRACE_SETOPTIONS, pid, NULL,
	       (void *)(long)(PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXIT));
	ptrace(PTRACE_SYSCALL, pid, NULL, NULL);
	if (waitpid(pid, &status, 0) == pid)
		check_live("ptrace syscall stop", status,
			   "syscall stop SIGTRAP|0x80");
	ptrace(PTRACE_CONT, pid, NULL, NULL);
	if (waitpid(pid, &status, 0) == pid)
		check_live("ptrace exit event", status,
			   "ptrace event stop SIGTRAP <EXIT>");
	ptrace(PTRACE_CONT, pid, NULL, NULL);
	if (waitpid(pid, &status, 0) == pid)
		check_live("ptrace exit", status, "exit 7");
}

static const size_t trunc_sizes[] = { 0, 1, 2, 9, 10, 11, 30, 31, 32, 33 };

int main(void)
{
	char buf[256], input[128];
	size_t i;

	/* A stuck child must not hang the test suite. */
	alarm(30);

	for (i = 0; i < XLAT_COUNT(status_cases); i++) {
		size_t ret = decode_wait_status(buf, sizeof(buf),
						status_cases[i].status);

		snprintf(input, sizeof(input), "decode_wait_status(%#x)",
			 status_cases[i].status);
		check(input, buf, status_cases[i].want);
		if (ret != strlen(buf))
			check(input, "wrong length", "length of text");
	}

	for (i = 0; i < XLAT_COUNT(option_cases); i++) {
		decode_wait_options(buf, sizeof(buf), option_cases[i].options);
		snprintf(input, sizeof(input),
			 "decode_wait_options(%#" PRIx64 ")",
			 option_cases[i].options);
		check(input, buf, option_cases[i].want);
	}

	/* Every ptrace event name, round trip through its number. */
	for (int ev = -1; ev <= 256; ev++) {
		const char *name = decode_ptrace_event_name(ev);

		if (!name)
			continue;
		snprintf(input, sizeof(input), "decode_ptrace_event_name(%d)",
			 ev);
		snprintf(buf, sizeof(buf), "%s",
			 strncmp(name, "PTRACE_EVENT_", 13) == 0 &&
					 ((ev >= 1 && ev <= 7) || ev == 128) ?
				 "named" :
				 name);
		check(input, buf, "named");
	}

	run_live_cases();
	run_live_stop();
	run_live_ptrace();

	for (i = 0; i < XLAT_COUNT(trunc_sizes); i++) {
		size_t size = trunc_sizes[i];
		char *small = canary_buf(size);
		int status = W_EXITCODE(0, SIGSEGV) | WCOREFLAG;
		size_t ret = decode_wait_status(small, size, status);

		snprintf(input, sizeof(input),
			 "decode_wait_status(SIGSEGV core, size %zu)", size);
		check_trunc(input, "killed by SIGSEGV (core dumped)", ret,
			    small, size);
		memset(small, 'Z', size + CANARY);
		ret = decode_wait_options(small, size, WNOHANG | __WALL | 0x10);
		snprintf(input, sizeof(input),
			 "decode_wait_options(WNOHANG|__WALL|0x10, size %zu)",
			 size);
		check_trunc(input, "WNOHANG|__WALL|0x10", ret, small, size);
		free(small);
	}

	return check_report();
}
