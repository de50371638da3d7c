/* permcreds.c - what the kernel's permission checks read of a process, read once. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "proc/procfs.h"
#include "tracer/permcreds.h"

/* Capability bits of CapEff (linux/capability.h). */
#define CAPBIT(n) (1ull << (n))
enum { CAP_DAC_OVERRIDE_ = 1, CAP_DAC_READ_SEARCH_ = 2, CAP_KILL_ = 5 };

/* Is pid in the tracer's own user ns (where its capabilities reach ours)? */
static bool in_our_userns(pid_t pid)
{
	char path[64];
	struct stat a, b;

	snprintf(path, sizeof(path), "/proc/%d/ns/user", (int)pid);
	return stat(path, &a) == 0 && stat("/proc/self/ns/user", &b) == 0 &&
	       a.st_ino == b.st_ino && a.st_dev == b.st_dev;
}

const struct perm_creds *permcreds_get(struct tracer *t, struct proc *p)
{
	struct perm_creds *c = &p->perm;
	struct proc_status st;
	bool ours;

	if (!(t->classes & EVC_CREDS) || c->per_thread)
		return NULL;
	if (c->known)
		return c;
	if (procfs_status(p->pid, &st) < 0 || !(st.have & PS_HAVE_UID) ||
	    !(st.have & PS_HAVE_CAPS))
		return NULL;
	memcpy(c->uid, st.uid, sizeof(c->uid));
	ours = in_our_userns(p->pid);
	c->cap_kill = ours && (st.cap_eff & CAPBIT(CAP_KILL_));
	c->cap_dac_search = ours &&
			    (st.cap_eff & (CAPBIT(CAP_DAC_OVERRIDE_) |
					   CAPBIT(CAP_DAC_READ_SEARCH_)));
	c->known = true;
	return c;
}

void permcreds_forget(struct proc *p, pid_t tid)
{
	p->perm.known = false;
	/* A thread's own creds call: its creds may now differ from the leader's. */
	if (tid != p->pid)
		p->perm.per_thread = true;
}

void permcreds_exec(struct proc *p)
{
	p->perm.known = false;
	p->perm.per_thread = false; /* one thread is left */
}
