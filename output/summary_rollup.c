/* summary_rollup.c - the summary's totals, per-command rollup and signal counts. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "decode/decode.h"
#include "output/summary.h"
#include "output/text_sink.h"

/* After model_event(m, ev): counters only, nothing per event is kept. */
void summary_live_event(struct summary_live *lv, struct model *m,
			const struct pt_event *ev)
{
	uint64_t made, exited, reaped;
	const struct ev_signal *s = &ev->u.signal;

	if (!lv->any)
		lv->first_ts = ev->ts;
	lv->any = true;
	lv->last_ts = ev->ts;
	model_totals(m, &made, &exited, &reaped);
	if (made - exited > lv->peak_live)
		lv->peak_live = made - exited;
	if (ev->kind == EV_EXEC) {
		lv->execs++;
		lv->execs_failed += !ev->u.exec.ok;
	}
	if (ev->kind != EV_SIGNAL || s->sig <= 0 || s->sig >= SUMMARY_SIG_MAX)
		return;
	if (s->kind == SK_SEND && (s->result == 0 || s->result_unknown))
		lv->sent[s->sig]++;
	else if (s->kind == SK_DELIVER)
		lv->delivered[s->sig]++;
}

/* A record the summary shows (a late one is counted to the reaped record). */
bool summary_counted(const struct model_proc *p)
{
	return !p->hist->late;
}

/* From the fork (or attach) to the exit, or to the last event if alive. */
uint64_t summary_lifetime(const struct model_proc *p, uint64_t last_ts)
{
	uint64_t end = p->exited ? model_exit_time(p) : last_ts;

	return end > p->start_ts ? end - p->start_ts : 0;
}

void summary_totals(struct model *m, const struct summary_live *lv,
		    struct summary_totals *t)
{
	size_t n = model_nprocs(m);

	memset(t, 0, sizeof(*t));
	t->longest_zombie_ns = -1;
	t->execs = lv->execs;
	t->execs_failed = lv->execs_failed;
	t->wall_ns = lv->last_ts - lv->first_ts;
	t->peak_live = lv->peak_live;
	for (size_t r = 0; r < n; r++) {
		const struct model_proc *p = model_proc_at(m, r);

		if (!summary_counted(p))
			continue;
		t->procs++;
		t->threads += 1 + p->hist->n_spans;
		t->reaped += p->reaped;
		t->unreaped += p->exited && !p->reaped;
		if (p->zombie_ns > t->longest_zombie_ns)
			t->longest_zombie_ns = p->zombie_ns;
	}
}

static bool summary_failed(const struct model_proc *p)
{
	return p->exited && p->exit_known &&
	       (p->exit_st.signaled || p->exit_st.code != 0);
}

static struct summary_cmd *summary_cmd_get(struct summary_rollup *r,
					   const char *name)
{
	struct summary_cmd *grown;

	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->cmds[i].name, name) == 0)
			return &r->cmds[i];
	if (r->n == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 16;

		grown = realloc(r->cmds, cap * sizeof(*grown));
		if (!grown)
			return NULL;
		r->cmds = grown;
		r->cap = cap;
	}
	grown = &r->cmds[r->n++];
	memset(grown, 0, sizeof(*grown));
	snprintf(grown->name, sizeof(grown->name), "%s", name);
	grown->longest_zombie_ns = -1;
	return grown;
}

static int summary_cmd_add_life(struct summary_cmd *c, uint64_t ns)
{
	if (c->n_lives == c->cap_lives) {
		size_t cap = c->cap_lives ? 2 * c->cap_lives : 8;
		uint64_t *grown = realloc(c->lives, cap * sizeof(*grown));

		if (!grown)
			return -1;
		c->lives = grown;
		c->cap_lives = cap;
	}
	c->lives[c->n_lives++] = ns;
	c->total_ns += ns;
	if (ns > c->max_ns)
		c->max_ns = ns;
	return 0;
}

static int summary_cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

static int summary_cmp_cmd(const void *a, const void *b)
{
	const struct summary_cmd *x = a, *y = b;

	if (x->total_ns != y->total_ns)
		return x->total_ns < y->total_ns ? 1 : -1;
	return strcmp(x->name, y->name);
}

/*
 * One command per name of a process's last image: a fork that did not exec
 * counts under its parent's program.
 */
static int summary_rollup_proc(struct summary_rollup *r,
			       const struct model_proc *p)
{
	struct summary_cmd *c = summary_cmd_get(r, p->hist->name);

	if (!c)
		return -1;
	c->count++;
	c->failures += summary_failed(p);
	if (p->zombie_ns > c->longest_zombie_ns)
		c->longest_zombie_ns = p->zombie_ns;
	if (p->exited)
		return summary_cmd_add_life(c, summary_lifetime(p, 0));
	return 0;
}

void summary_rollup(struct model *m, struct summary_rollup *r)
{
	size_t n = model_nprocs(m);

	memset(r, 0, sizeof(*r));
	for (size_t i = 0; i < n; i++) {
		const struct model_proc *p = model_proc_at(m, i);

		if (summary_counted(p) && p->hist->name[0] &&
		    summary_rollup_proc(r, p) < 0)
			r->incomplete = true;
	}
	for (size_t i = 0; i < r->n; i++) {
		struct summary_cmd *c = &r->cmds[i];

		qsort(c->lives, c->n_lives, sizeof(*c->lives), summary_cmp_u64);
		/* The lower median of an even count: a lifetime that was. */
		if (c->n_lives)
			c->median_ns = c->lives[(c->n_lives - 1) / 2];
	}
	if (r->n)
		qsort(r->cmds, r->n, sizeof(*r->cmds), summary_cmp_cmd);
}

void summary_rollup_free(struct summary_rollup *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->cmds[i].lives);
	free(r->cmds);
}

static void summary_dur(char *buf, size_t size, int64_t ns)
{
	if (ns < 0)
		snprintf(buf, size, "-");
	else
		text_duration(buf, size, (uint64_t)ns);
}

void summary_print_totals(FILE *out, const struct summary_totals *t)
{
	char wall[32], zombie[32];

	summary_dur(wall, sizeof(wall), (int64_t)t->wall_ns);
	summary_dur(zombie, sizeof(zombie), t->longest_zombie_ns);
	fprintf(out,
		"Totals:\n"
		"  processes %zu, threads %zu, execs %lu (%lu failed), wall %s\n"
		"  peak live processes %zu, reaped %zu (longest zombie %s), "
		"exited unreaped %zu\n",
		t->procs, t->threads, (unsigned long)t->execs,
		(unsigned long)t->execs_failed, wall, t->peak_live, t->reaped,
		zombie, t->unreaped);
}

void summary_print_rollup(FILE *out, const struct summary_rollup *r)
{
	fprintf(out, "Commands:\n%-16s %6s %10s %10s %10s %6s %10s\n",
		"COMMAND", "COUNT", "TOTAL", "MEDIAN", "MAX", "FAILED",
		"ZOMBIE");
	for (size_t i = 0; i < r->n; i++) {
		const struct summary_cmd *c = &r->cmds[i];
		char name[80], total[32], median[32], max[32], zombie[32];

		text_escape(name, sizeof(name), c->name, strlen(c->name));
		summary_dur(total, sizeof(total), (int64_t)c->total_ns);
		summary_dur(median, sizeof(median),
			    c->n_lives ? (int64_t)c->median_ns : -1);
		summary_dur(max, sizeof(max),
			    c->n_lives ? (int64_t)c->max_ns : -1);
		summary_dur(zombie, sizeof(zombie), c->longest_zombie_ns);
		fprintf(out, "%-16s %6zu %10s %10s %10s %6zu %10s\n", name,
			c->count, total, median, max, c->failures, zombie);
	}
	if (r->incomplete)
		fputs("(incomplete: out of memory)\n", out);
}

/*
 * SENT counts successful kill-family calls, DELIVERED the deliveries seen:
 * a standard signal sent again while pending merges into one delivery.
 */
void summary_print_signals(FILE *out, const struct summary_live *lv)
{
	bool any = false;

	fputs("Signals:\n", out);
	for (int s = 1; s < SUMMARY_SIG_MAX; s++) {
		char name[32];
		uint64_t sent = lv->sent[s], got = lv->delivered[s];

		if (!sent && !got)
			continue;
		if (!any)
			fprintf(out, "%-12s %8s %10s %s\n", "SIGNAL", "SENT",
				"DELIVERED", "NOTE");
		any = true;
		decode_signal(name, sizeof(name), s);
		fprintf(out, "%-12s %8lu %10lu%s\n", name, (unsigned long)sent,
			(unsigned long)got,
			sent > got ? " fewer delivered (merged while pending,"
				     " taken by sigwait, or target gone)" :
				     "");
	}
	if (!any)
		fputs("  none\n", out);
}
