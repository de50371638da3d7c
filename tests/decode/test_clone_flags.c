/* tests/decode/test_clone_flags.c - table-driven tests of clone flags. */
#include "config.h"

#include <inttypes.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decode.h"
#include "tests/decode/check.h"

/* What glibc 2.36 passes for pthread_create() and fork(). */
#define THREAD_FLAGS                                                   \
	(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | \
	 CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID |              \
	 CLONE_CHILD_CLEARTID)
#define FORK_FLAGS (CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID | SIGCHLD)

static const struct {
	uint64_t flags;
	const char *want;
} clone_cases[] = {
	{ 0, "0" },
	{ SIGCHLD, "SIGCHLD" },
	{ CLONE_VM, "CLONE_VM" },
	{ CLONE_VM | CLONE_VFORK | SIGCHLD, "CLONE_VM|CLONE_VFORK|SIGCHLD" },
	{ FORK_FLAGS, "CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD" },
	{ THREAD_FLAGS,
	  "CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|"
	  "CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|"
	  "CLONE_CHILD_CLEARTID" },
	{ CLONE_VM | 0x100000000000ULL | SIGCHLD,
	  "CLONE_VM|0x100000000000|SIGCHLD" },
	{ 0x100000000000ULL, "0x100000000000" },
	{ 0x100000000000ULL | SIGKILL, "0x100000000000|SIGKILL" },
	{ CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNS | SIGCHLD,
	  "CLONE_NEWNS|CLONE_NEWUSER|CLONE_NEWPID|SIGCHLD" },
	{ CLONE_IO | CLONE_UNTRACED | CLONE_NEWCGROUP,
	  "CLONE_UNTRACED|CLONE_NEWCGROUP|CLONE_IO" },
	{ CLONE_PIDFD | CLONE_PTRACE | CLONE_DETACHED,
	  "CLONE_PIDFD|CLONE_PTRACE|CLONE_DETACHED" },
	/* The low byte is the signal, never CLONE_NEWTIME. */
	{ 0x80, "SIG128" },
	{ CLONE_VM | 33, "CLONE_VM|SIGRT_1" },
	{ CLONE_VM | 64, "CLONE_VM|SIGRT_32" },
	{ CLONE_VM | 65, "CLONE_VM|SIG65" },
	{ 0xff, "SIG255" },
	{ CLONE_CLEAR_SIGHAND | CLONE_INTO_CGROUP | SIGCHLD,
	  "CLONE_CLEAR_SIGHAND|CLONE_INTO_CGROUP|SIGCHLD" },
	{ UINT64_MAX,
	  "CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_PIDFD|"
	  "CLONE_PTRACE|CLONE_VFORK|CLONE_PARENT|CLONE_THREAD|CLONE_NEWNS|"
	  "CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|"
	  "CLONE_CHILD_CLEARTID|CLONE_DETACHED|CLONE_UNTRACED|"
	  "CLONE_CHILD_SETTID|CLONE_NEWCGROUP|CLONE_NEWUTS|CLONE_NEWIPC|"
	  "CLONE_NEWUSER|CLONE_NEWPID|CLONE_NEWNET|CLONE_IO|"
	  "CLONE_CLEAR_SIGHAND|CLONE_INTO_CGROUP|0xfffffffc00000000|SIG255" },
};

/*
 * The flag word of clone3 (and of an event, its CSIGNAL byte cleared) goes
 * through the table as it is: CLONE_NEWTIME's 0x80 is a flag there.
 */
static const struct {
	uint64_t flags;
	const char *want;
} word_cases[] = {
	{ 0, "0" },
	{ CLONE_NEWTIME, "CLONE_NEWTIME" },
	{ CLONE_NEWTIME | CLONE_NEWNS, "CLONE_NEWTIME|CLONE_NEWNS" },
	{ CLONE_PIDFD | CLONE_INTO_CGROUP, "CLONE_PIDFD|CLONE_INTO_CGROUP" },
	{ THREAD_FLAGS,
	  "CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|"
	  "CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|"
	  "CLONE_CHILD_CLEARTID" },
	{ CLONE_VM | 0x1, "CLONE_VM|0x1" },
	{ 0x400000000ULL, "0x400000000" },
};

static const size_t trunc_sizes[] = { 0, 1, 2, 8, 9, 10, 16, 30, 31, 32 };

int main(void)
{
	char buf[1024], input[128];
	const struct xlat *tab;
	size_t i, n;

	for (i = 0; i < XLAT_COUNT(clone_cases); i++) {
		size_t ret = decode_clone_flags(buf, sizeof(buf),
						clone_cases[i].flags);

		snprintf(input, sizeof(input),
			 "decode_clone_flags(%#" PRIx64 ")",
			 clone_cases[i].flags);
		check(input, buf, clone_cases[i].want);
		if (ret != strlen(buf))
			check(input, "wrong length", "length of text");
	}

	tab = decode_clone_flag_table(&n);
	for (i = 0; i < XLAT_COUNT(word_cases); i++) {
		xlat_flags(buf, sizeof(buf), tab, n, word_cases[i].flags);
		snprintf(input, sizeof(input), "flag word %#" PRIx64,
			 word_cases[i].flags);
		check(input, buf, word_cases[i].want);
	}

	/*
	 * Every table row: one bit, above the one before (the kernel's bit
	 * order), decoded to its own name, and its name back to its value.
	 */
	snprintf(buf, sizeof(buf), "%zu", n);
	check("decode_clone_flag_table size", buf, "27");
	for (i = 0; i < n; i++) {
		uint64_t v = 0;
		int ret = xlat_value(tab, n, tab[i].name, &v);
		char got[128], want[128];

		snprintf(input, sizeof(input), "table row %s", tab[i].name);
		snprintf(want, sizeof(want), "%s one bit ascending 0 %#" PRIx64,
			 tab[i].name, tab[i].val);
		xlat_flags(buf, sizeof(buf), tab, n, tab[i].val);
		snprintf(got, sizeof(got), "%s %s %s %d %#" PRIx64, buf,
			 (tab[i].val & (tab[i].val - 1)) == 0 ? "one bit" :
								"many bits",
			 i == 0 || tab[i].val > tab[i - 1].val ? "ascending" :
								 "out of order",
			 ret, v);
		check(input, got, want);
	}

	for (i = 0; i < XLAT_COUNT(trunc_sizes); i++) {
		size_t size = trunc_sizes[i];
		char *small = canary_buf(size);
		uint64_t f = CLONE_VM | CLONE_VFORK | 0x100000000000ULL |
			     SIGCHLD;
		size_t ret = decode_clone_flags(small, size, f);

		snprintf(input, sizeof(input),
			 "decode_clone_flags(%#" PRIx64 ", size %zu)", f, size);
		check_trunc(input,
			    "CLONE_VM|CLONE_VFORK|0x100000000000|SIGCHLD", ret,
			    small, size);
		free(small);
	}

	return check_report();
}
