/* summary_sink.c - the --summary sink: per-process table, then the rollups, printed at close. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decode.h"
#include "model/model.h"
#include "output/summary.h"
#include "output/summary_sink.h"
#include "output/text_sink.h"

#define SUMMARY_TOP_ZOMBIES 5
#define SUMMARY_ROWS_DEFAULT 50 /* process rows shown without "full" */

/* The processes are a keep-all model's records, read at close. */
struct summary_sink {
	FILE *out; /* the text, or NULL */
	bool close_file;
	FILE *json; /* --summary-json, or NULL */
	bool close_json;
	bool full; /* every process row */
	struct model *m;
	struct summary_live live;
};

static int summary_cmp_plt(const void *a, const void *b)
{
	const struct model_plt *x = a, *y = b;

	if (x->calls != y->calls)
		return x->calls < y->calls ? 1 : -1;
	return strcmp(x->sym, y->sym);
}

/* Per process, most called first: "  PID  CALLS SYMBOL". */
static void summary_print_plt(FILE *out, struct model *m)
{
	size_t n = model_nprocs(m);
	bool any = false;

	for (size_t r = 0; r < n; r++)
		any |= model_proc_at(m, r)->hist->n_plt > 0;
	if (!any)
		return;
	fprintf(out, "PLT calls:\n%5s %10s %s\n", "PID", "CALLS", "SYMBOL");
	for (size_t r = 0; r < n; r++) {
		struct model_proc *p = model_proc_at(m, r);
		struct model_history *h = p->hist;
		char sym[256];

		if (h->n_plt)
			qsort(h->plt, h->n_plt, sizeof(*h->plt),
			      summary_cmp_plt);
		for (size_t i = 0; i < h->n_plt; i++) {
			text_escape(sym, sizeof(sym), h->plt[i].sym,
				    strlen(h->plt[i].sym));
			fprintf(out, "%5d %10lu %s\n", (int)p->pid,
				h->plt[i].calls, sym);
		}
	}
}

static void summary_sink_event(void *ctx, const struct pt_event *ev)
{
	struct summary_sink *ss = ctx;

	model_event(ss->m, ev);
	summary_live_event(&ss->live, ss->m, ev);
}

/* "exit 0", "SIGKILL", "SIGSEGV (core dumped)"; "-" running, "?" unknown. */
static void summary_exit_text(char *buf, size_t size,
			      const struct model_proc *p)
{
	const struct ev_status *st = &p->exit_st;

	if (!p->exited)
		snprintf(buf, size, "-");
	else if (!p->exit_known)
		snprintf(buf, size, "?");
	else
		decode_exit_status(buf, size, st->signaled,
				   st->signaled ? st->sig : st->code, st->core);
}

static void summary_comm_text(char *buf, size_t size,
			      const struct model_proc *p)
{
	const char *name = p->hist->name;

	if (name[0])
		text_escape(buf, size, name, strlen(name));
	else
		snprintf(buf, size, "?");
}

static void summary_print_row(FILE *out, const struct model_proc *p)
{
	char comm[80], exit_text[48], life[32] = "-", zombie[32] = "-";
	uint64_t exit_ts = model_exit_time(p);

	summary_comm_text(comm, sizeof(comm), p);
	summary_exit_text(exit_text, sizeof(exit_text), p);
	if (p->exited && exit_ts >= p->start_ts)
		text_duration(life, sizeof(life), exit_ts - p->start_ts);
	if (p->zombie_ns >= 0)
		text_duration(zombie, sizeof(zombie), (uint64_t)p->zombie_ns);
	fprintf(out, "%5d %-16s %-21s %8s %9s %8lu\n", (int)p->pid, comm,
		exit_text, life, zombie, p->sigs_delivered);
}

/* The top zombies by time, ties in creation order; no allocation. */
static void summary_print_zombies(FILE *out, struct model *m)
{
	struct model_proc *top[SUMMARY_TOP_ZOMBIES];
	size_t n_top = 0, n = model_nprocs(m);

	fputs("Longest-lived zombies:\n", out);
	while (n_top < SUMMARY_TOP_ZOMBIES) {
		struct model_proc *best = NULL;

		for (size_t r = 0; r < n; r++) {
			struct model_proc *p = model_proc_at(m, r);
			bool taken = false;

			if (p->zombie_ns < 0 || p->hist->late)
				continue;
			for (size_t k = 0; k < n_top; k++)
				taken |= top[k] == p;
			if (!taken && (!best || p->zombie_ns > best->zombie_ns))
				best = p;
		}
		if (!best)
			break;
		top[n_top++] = best;
	}
	if (n_top == 0)
		fputs("  none\n", out);
	for (size_t k = 0; k < n_top; k++) {
		char comm[80], zombie[32];

		summary_comm_text(comm, sizeof(comm), top[k]);
		text_duration(zombie, sizeof(zombie),
			      (uint64_t)top[k]->zombie_ns);
		fprintf(out, "%5d %-16s %s\n", (int)top[k]->pid, comm, zombie);
	}
}

static void summary_print(FILE *out, struct model *m, bool full)
{
	size_t n = model_nprocs(m), shown = 0, left = 0;

	fprintf(out, "%5s %-16s %-21s %8s %9s %8s\n", "PID", "COMM", "EXIT",
		"LIFETIME", "ZOMBIE", "SIGNALS");
	for (size_t r = 0; r < n; r++) {
		if (!summary_counted(model_proc_at(m, r)))
			continue;
		if (!full && shown == SUMMARY_ROWS_DEFAULT) {
			left++;
			continue;
		}
		summary_print_row(out, model_proc_at(m, r));
		shown++;
	}
	if (left)
		fprintf(out,
			"(%zu more processes not shown: --summary=full shows all)\n",
			left);
	if (model_incomplete(m))
		fputs("(incomplete: out of memory)\n", out);
	summary_print_zombies(out, m);
}

static void summary_sink_flush(void *ctx)
{
	(void)ctx; /* nothing is written before close */
}

/* The text after the per-process tables: totals, commands, signals, path. */
static void summary_print_rollups(FILE *out, const struct summary_totals *t,
				  const struct summary_rollup *r,
				  const struct summary_live *lv,
				  const struct summary_path *path)
{
	summary_print_totals(out, t);
	summary_print_rollup(out, r);
	summary_print_signals(out, lv);
	summary_print_path(out, path);
}

/*
 * Flush (and close) f; 0, or -1 with *err set unless already.  An earlier
 * failed write leaves only the error flag: say EIO then.
 */
static int summary_finish_file(FILE *f, bool close_it, int *err)
{
	int ret = 0;

	if (fflush(f) != 0) {
		ret = -1;
		*err = *err ? *err : errno;
	} else if (ferror(f)) {
		ret = -1;
		*err = *err ? *err : EIO;
	}
	if (close_it && fclose(f) != 0) {
		ret = -1;
		*err = *err ? *err : errno;
	}
	return ret;
}

static int summary_sink_close(void *ctx)
{
	struct summary_sink *ss = ctx;
	struct summary_totals t;
	struct summary_rollup r;
	struct summary_path path;
	int ret = 0, err = 0;

	summary_totals(ss->m, &ss->live, &t);
	summary_rollup(ss->m, &r); /* out of memory: marked incomplete */
	if (summary_critical_path(ss->m, ss->live.last_ts, &path) < 0) {
		ret = -1;
		err = ENOMEM;
	}
	if (ss->out && !ret) {
		summary_print(ss->out, ss->m, ss->full);
		summary_print_plt(ss->out, ss->m);
		summary_print_rollups(ss->out, &t, &r, &ss->live, &path);
	}
	if (ss->json && !ret &&
	    summary_write_json(ss->json, ss->m, &t, &r, &ss->live, &path) < 0)
		ret = -1;
	if (ss->out && summary_finish_file(ss->out, ss->close_file, &err) < 0)
		ret = -1;
	if (ss->json && summary_finish_file(ss->json, ss->close_json, &err) < 0)
		ret = -1;
	summary_rollup_free(&r);
	free(path.steps);
	model_free(ss->m);
	free(ss);
	if (ret)
		errno = err ? err : EIO;
	return ret;
}

void *summary_sink_new(FILE *out, bool close_file, FILE *json, bool close_json,
		       bool full)
{
	struct summary_sink *ss = calloc(1, sizeof(*ss));

	if (!ss || !(ss->m = model_new_keep_all())) {
		free(ss);
		return NULL;
	}
	ss->out = out;
	ss->close_file = close_file;
	ss->json = json;
	ss->close_json = close_json;
	ss->full = full;
	return ss;
}

const struct sink_ops summary_sink_ops = {
	.name = "summary",
	.event = summary_sink_event,
	.flush = summary_sink_flush,
	.close = summary_sink_close,
};
