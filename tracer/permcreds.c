/* permcreds.c - what the kernel's permission checks read of a process, read once. */
#include "config.h"

#include <string.h>

#include "proc/procfs.h"
#include "tracer/permcreds.h"

/* Capability bits of CapEff (linux/capability.h). */
#define CAPBIT(n) (1ull << (n))
enum { CAP_DAC_OVERRIDE_ = 1, CAP_DAC_READ_SEARCH_ = 2, CAP_KILL_ = 5 };

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
	ours = procfs_userns_is_ours(p->pid);
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
	/*
	 * The raw calls are per thread: with other threads about, one may now
	 * differ from the leader, whose /proc entry speaks for it alone.
	 */
	if (tid != p->pid || p->nthreads > 1)
		p->perm.per_thread = true;
}

void permcreds_exec(struct proc *p)
{
	p->perm.known = false;
	p->perm.per_thread = false; /* one thread is left */
}
