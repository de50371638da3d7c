/* syscalls.c - the handler table: registration, the per-number index, entry/exit dispatch. */
#include "config.h"

#include <string.h>
#include <sys/syscall.h>

#include "tracer/engine.h"
#include "tracer/sc_handlers.h"
#include "tracer/permcreds.h"
#include "tracer/syscalls.h"

/* The core families, each adding its rows (sc_*.c). */
static int (*const core_families[])(struct tracer *t) = {
	sc_exec_register,  sc_wait_register, sc_kill_register,
	sc_prctl_register, sc_ns_register,
};

static void index_rows(struct sc_table *tab, const struct sc_rows *r)
{
	for (size_t i = 0; i < r->n; i++) {
		int nr = r->rows[i].nr;
		size_t k = 0;

		if (nr < 0 || nr >= SC_NR_MAX)
			continue;
		while (k < SC_PER_NR && tab->by_nr[nr][k].h)
			k++;
		if (k < SC_PER_NR) {
			tab->by_nr[nr][k].h = &r->rows[i];
			tab->by_nr[nr][k].ctx = r->ctx;
		}
	}
}

int syscalls_register(struct tracer *t, const struct sc_handler *rows, size_t n,
		      void *ctx)
{
	struct sc_table *tab = &t->syscalls;
	struct sc_rows *r;

	if (tab->n_regs >= SC_TABLES_MAX)
		return -1;
	r = &tab->regs[tab->n_regs++];
	r->rows = rows;
	r->n = n;
	r->ctx = ctx;
	index_rows(tab, r);
	return 0;
}

int syscalls_trap_arg0(struct tracer *t, int nr, const uint64_t *vals, size_t n)
{
	return syscalls_trap_arg(t, nr, 0, vals, n);
}

int syscalls_trap_arg(struct tracer *t, int nr, unsigned arg,
		      const uint64_t *vals, size_t n)
{
	struct sc_table *tab = &t->syscalls;
	struct sc_arg0 *f;

	if (tab->n_arg0 >= SC_TABLES_MAX)
		return -1;
	f = &tab->arg0[tab->n_arg0++];
	f->nr = nr;
	f->arg = arg;
	f->vals = vals;
	f->n = n;
	return 0;
}

unsigned syscalls_arg_index(const struct sc_table *tab, int nr)
{
	for (size_t i = 0; i < tab->n_arg0; i++)
		if (tab->arg0[i].nr == nr)
			return tab->arg0[i].arg;
	return 0;
}

size_t syscalls_arg0_values(const struct sc_table *tab, int nr, uint64_t *vals,
			    size_t max)
{
	size_t n = 0;

	/* Rows of several parts share one syscall: trap the union. */
	for (size_t i = 0; i < tab->n_arg0; i++)
		if (tab->arg0[i].nr == nr)
			for (size_t v = 0; v < tab->arg0[i].n && n < max; v++)
				vals[n++] = tab->arg0[i].vals[v];
	return n;
}

int syscalls_init(struct tracer *t)
{
	memset(&t->syscalls, 0, sizeof(t->syscalls));
	for (size_t i = 0; i < SC_COUNT(core_families); i++)
		if (core_families[i](t) < 0)
			return -1;
	return 0;
}

size_t syscalls_trapped(const struct sc_table *tab, unsigned classes, int *nrs,
			size_t max)
{
	size_t n = 0;

	for (size_t r = 0; r < tab->n_regs; r++)
		for (size_t i = 0; i < tab->regs[r].n; i++)
			if ((tab->regs[r].rows[i].cls & classes) && n < max)
				nrs[n++] = tab->regs[r].rows[i].nr;
	return n;
}

static const struct sc_slot *handlers_for(const struct tracer *t, int nr)
{
	if (nr < 0 || nr >= SC_NR_MAX || !t->syscalls.by_nr[nr][0].h)
		return NULL;
	return t->syscalls.by_nr[nr];
}

/*
 * A creds or ns call that may change something (its exit is not skipped):
 * what permission checks read of the process is read again after it, at
 * its entry and at its exit (a reading in between may be the old one).
 * An exec is handled at its PTRACE_EVENT_EXEC (permcreds_exec).
 */
static void creds_call_forget(struct tracer *t, struct task *task,
			      const struct sc_slot *s)
{
	if (!task->proc || task->sc.nr == SYS_execve ||
	    task->sc.nr == SYS_execveat)
		return;
	for (size_t k = 0; s && s[k].h; k++)
		if (s[k].h->cls & t->classes & (EVC_CREDS | EVC_NS)) {
			permcreds_forget(task->proc, task->tid);
			return;
		}
}

void syscalls_entry(struct tracer *t, struct task *task, int nr,
		    const uint64_t args[6])
{
	const struct sc_slot *s = handlers_for(t, nr);
	bool wanted = false;

	pending_sc_clear(&task->sc);
	for (size_t k = 0; s && s[k].h; k++)
		wanted |= (s[k].h->cls & t->classes) != 0;
	if (!wanted)
		return;
	task->sc.active = true;
	task->sc.nr = nr;
	memcpy(task->sc.args, args, sizeof(task->sc.args));
	for (size_t k = 0; s[k].h; k++)
		if (s[k].h->entry && (s[k].h->cls & t->classes))
			s[k].h->entry(s[k].ctx, t, task);
	/* Every handler agreed the exit tells nothing: no exit stop. */
	if (task->sc.skip_exit && !task->sc.need_exit) {
		if (task->sc.on_skip)
			task->sc.on_skip(t, task);
		pending_sc_clear(&task->sc);
		return;
	}
	creds_call_forget(t, task, s);
}

void syscalls_exit(struct tracer *t, struct task *task, int64_t rval,
		   bool is_error)
{
	const struct sc_slot *s = handlers_for(t, task->sc.nr);

	if (task->sc.active)
		creds_call_forget(t, task, s);
	for (size_t k = 0; task->sc.active && s && s[k].h; k++)
		if (s[k].h->exit && (s[k].h->cls & t->classes))
			s[k].h->exit(s[k].ctx, t, task, rval, is_error);
	pending_sc_clear(&task->sc);
}
