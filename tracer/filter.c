/* filter.c - build and load the seccomp filter with libseccomp; parse -e signal=. */
#include "config.h"

#include <errno.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <strings.h>
#include <sys/prctl.h>
#include <linux/capability.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tracer/engine.h"
#include "tracer/filter.h"
#include "tracer/syscalls.h"

struct filter {
	scmp_filter_ctx ctx;
};

/* Several parts may trap one syscall: its rules are added once. */
static bool filter_trapped_before(const int *nrs, size_t i)
{
	for (size_t k = 0; k < i; k++)
		if (nrs[k] == nrs[i])
			return true;
	return false;
}

/* Trap nr, only for the first-argument values some part asked for if any. */
static int filter_add_rules(struct filter *f, const struct sc_table *tab,
			    int nr)
{
	uint64_t vals[32];
	size_t nv = syscalls_arg0_values(tab, nr, vals, 32);
	unsigned arg = syscalls_arg_index(tab, nr);
	int rc = 0;

	for (size_t v = 0; v < nv && rc >= 0; v++)
		rc = seccomp_rule_add(f->ctx, SCMP_ACT_TRACE(0), nr, 1,
				      SCMP_CMP32(arg, SCMP_CMP_EQ, vals[v]));
	if (!nv)
		rc = seccomp_rule_add(f->ctx, SCMP_ACT_TRACE(0), nr, 0);
	return rc;
}

struct filter *filter_build(const struct sc_table *tab, unsigned classes,
			    char *err, size_t errsize)
{
	int nrs[64];
	size_t n = syscalls_trapped(tab, classes, nrs, 64), i;
	struct filter *f = calloc(1, sizeof(*f));
	char *name;
	int rc;

	if (!f) {
		snprintf(err, errsize, "out of memory");
		return NULL;
	}
	f->ctx = seccomp_init(SCMP_ACT_ALLOW);
	if (!f->ctx) {
		snprintf(err, errsize, "seccomp_init failed");
		goto fail;
	}
	/*
	 * 32-bit (int 0x80) syscalls of a compat process pass unfiltered: the
	 * handlers decode the x86_64 ABI only.
	 */
	for (i = 0; i < n; i++) {
		if (filter_trapped_before(nrs, i))
			continue;
		rc = filter_add_rules(f, tab, nrs[i]);
		if (rc < 0) {
			name = seccomp_syscall_resolve_num_arch(
				SCMP_ARCH_NATIVE, nrs[i]);
			snprintf(err, errsize, "seccomp rule for %s: %s",
				 name ? name : "?", strerror(-rc));
			free(name);
			goto fail;
		}
	}
	return f;
fail:
	filter_free(f);
	return NULL;
}

static bool have_cap_sys_admin(void)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3,
						0 };
	struct __user_cap_data_struct data[2];

	if (syscall(SYS_capget, &hdr, data) < 0)
		return false;
	return data[CAP_SYS_ADMIN / 32].effective &
	       (1u << (CAP_SYS_ADMIN % 32));
}

int filter_load(struct filter *f)
{
	int rc;

	/*
	 * libseccomp sets no_new_privs by default.  With CAP_SYS_ADMIN the
	 * kernel takes a filter without it, and set-uid binaries in the traced
	 * tree behave as they would untraced (a tracer with CAP_SYS_PTRACE).
	 */
	rc = seccomp_attr_set(f->ctx, SCMP_FLTATR_CTL_NNP,
			      have_cap_sys_admin() ? 0 : 1);
	if (rc < 0)
		return rc;
	return seccomp_load(f->ctx);
}

void filter_free(struct filter *f)
{
	if (!f)
		return;
	if (f->ctx)
		seccomp_release(f->ctx);
	free(f);
}

/* ---- -e signal=SET ---- */

#define FILTER_SIG_MAX 64

/* A signal as strace accepts it: a number, or a name with or without SIG. */
static int filter_signal_number(const char *word, size_t len)
{
	char name[16];
	char *end;
	long v;

	if (len == 0 || len >= sizeof(name))
		return -1;
	memcpy(name, word, len);
	name[len] = '\0';
	v = strtol(name, &end, 10);
	if (*end == '\0')
		return v >= 1 && v <= FILTER_SIG_MAX ? (int)v : -1;
	if (strncasecmp(name, "SIG", 3) == 0)
		memmove(name, name + 3, len - 2);
	for (int sig = 1; sig < NSIG && sig <= FILTER_SIG_MAX; sig++) {
		const char *abbrev = sigabbrev_np(sig);

		if (abbrev && strcasecmp(abbrev, name) == 0)
			return sig;
	}
	return -1;
}

int filter_parse_signals(const char *set, uint64_t *dropped, char *err,
			 size_t errsize)
{
	bool negate = set[0] == '!';
	const char *p = set + negate;
	uint64_t named = 0;

	if (strcmp(p, "all") == 0) {
		named = ~(uint64_t)0;
		p += strlen(p);
	}
	while (*p) {
		size_t len = strcspn(p, ",");
		int sig = filter_signal_number(p, len);

		if (sig < 0) {
			snprintf(err, errsize,
				 "-e signal=: unknown signal '%.*s' in '%s'",
				 (int)len, p, set);
			return -1;
		}
		named |= (uint64_t)1 << (sig - 1);
		p += len + (p[len] == ',');
	}
	if (!named) {
		snprintf(err, errsize, "-e signal=: no signal in '%s'", set);
		return -1;
	}
	*dropped = negate ? named : ~named;
	return 0;
}

bool filter_signal_dropped(uint64_t dropped, int sig)
{
	if (sig < 1 || sig > FILTER_SIG_MAX)
		return false;
	return dropped & ((uint64_t)1 << (sig - 1));
}
