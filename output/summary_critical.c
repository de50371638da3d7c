/* summary_critical.c - the critical path: the chain of processes whose ends the wall time waited on. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "output/summary.h"
#include "output/text_sink.h"

#define SUMMARY_NONE SIZE_MAX

static uint64_t summary_end(const struct model_proc *p, uint64_t last_ts)
{
	return p->exited ? model_exit_time(p) : last_ts;
}

/* The record p was born of (an orphan's first parent), or NULL. */
static struct model_proc *summary_parent(struct model *m,
					 const struct model_proc *p)
{
	pid_t ppid = p->old_ppid ? p->old_ppid : p->ppid;
	struct model_proc *par = model_find_before(m, ppid, p->order);

	return par && par != p && summary_counted(par) ? par : NULL;
}

/*
 * last[j]: the child of record j that exited last, no later than j ended
 * (the one j's end waited on last; a child still alive was not waited
 * on).  Returns the root: the first record without a traced parent that
 * ended last (launch: the command).
 */
static size_t summary_last_children(struct model *m, uint64_t last_ts,
				    size_t *last)
{
	size_t n = model_nprocs(m), root = SUMMARY_NONE;

	for (size_t i = 0; i < n; i++)
		last[i] = SUMMARY_NONE;
	for (size_t i = 0; i < n; i++) {
		struct model_proc *p = model_proc_at(m, i), *par;
		uint64_t end = summary_end(p, last_ts);
		size_t j;

		if (!summary_counted(p))
			continue;
		par = summary_parent(m, p);
		if (!par) {
			if (root == SUMMARY_NONE ||
			    end > summary_end(model_proc_at(m, root), last_ts))
				root = i;
			continue;
		}
		j = (size_t)par->order;
		if (p->exited && end <= summary_end(par, last_ts) &&
		    (last[j] == SUMMARY_NONE ||
		     end > summary_end(model_proc_at(m, last[j]), last_ts)))
			last[j] = i;
	}
	return root;
}

/*
 * From the root, repeatedly the child whose end its parent's end waited on
 * last; each step's self time is its lifetime less the next step's.
 */
int summary_critical_path(struct model *m, uint64_t last_ts,
			  struct summary_path *path)
{
	size_t n = model_nprocs(m), *last, at;

	memset(path, 0, sizeof(*path));
	if (n == 0)
		return 0;
	last = malloc(n * sizeof(*last));
	path->steps = malloc(n * sizeof(*path->steps));
	if (!last || !path->steps) {
		free(last);
		free(path->steps);
		path->steps = NULL;
		return -1;
	}
	/* A child is made after its parent: the chain ends within n steps. */
	for (at = summary_last_children(m, last_ts, last);
	     at != SUMMARY_NONE && path->n < n; at = last[at]) {
		struct summary_step *s = &path->steps[path->n++];

		s->p = model_proc_at(m, at);
		s->life_ns = summary_lifetime(s->p, last_ts);
		s->self_ns = s->life_ns;
		if (path->n > 1) {
			struct summary_step *up = s - 1;

			up->self_ns = up->life_ns > s->life_ns ?
					      up->life_ns - s->life_ns :
					      0;
		}
	}
	free(last);
	return 0;
}

void summary_print_path(FILE *out, const struct summary_path *path)
{
	fprintf(out, "Critical path:\n%5s %-16s %10s %10s\n", "PID", "COMM",
		"LIFETIME", "SELF");
	for (size_t i = 0; i < path->n; i++) {
		const struct summary_step *s = &path->steps[i];
		const char *name = s->p->hist->name[0] ? s->p->hist->name : "?";
		char comm[80], life[32], self[32];

		text_escape(comm, sizeof(comm), name, strlen(name));
		text_duration(life, sizeof(life), s->life_ns);
		text_duration(self, sizeof(self), s->self_ns);
		fprintf(out, "%5d %-16s %10s %10s\n", (int)s->p->pid, comm,
			life, self);
	}
	if (path->n == 0)
		fputs("  none\n", out);
}
