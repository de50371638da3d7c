/* summary_sink.c - per-process table and longest-lived zombies, printed at close (--summary). */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decode.h"
#include "output/summary_sink.h"
#include "output/text_sink.h"

#define SUMMARY_TOP_ZOMBIES 5

/* Calls through the PLT to one symbol, like ltrace -c. */
struct summary_plt {
	char *symbol;
	unsigned long calls;
};

/* One process (thread group) of the trace, from creation to reap. */
struct summary_row {
	pid_t pid;
	char comm[16]; /* TASK_COMM_LEN; "" until known */
	uint64_t start_ts; /* clone, attach, or first seen */
	bool exited;
	bool status_known;
	struct ev_status st;
	uint64_t exit_ts;
	int64_t zombie_ns; /* -1 until reaped with a known time */
	unsigned long signals; /* signals delivered to it */
	struct summary_plt *plt; /* calls per PLT symbol (--plt) */
	size_t n_plt, cap_plt;
};

struct summary_sink {
	FILE *out;
	bool close_file;
	bool oom; /* a row could not be added: table incomplete */
	struct summary_row *rows; /* in creation order */
	size_t n, cap;
	/* pid -> 1 + index of its newest row; 0 = empty slot.  Power of 2. */
	size_t *map;
	size_t map_cap, map_used;
};

static size_t summary_slot(const struct summary_sink *ss, pid_t pid)
{
	size_t mask = ss->map_cap - 1;
	size_t i = ((size_t)(uint32_t)pid * 2654435761u) & mask;

	while (ss->map[i] && ss->rows[ss->map[i] - 1].pid != pid)
		i = (i + 1) & mask;
	return i;
}

/* Rebuild the map at twice the size; later rows win for a reused pid. */
static int summary_map_grow(struct summary_sink *ss)
{
	size_t cap = ss->map_cap ? ss->map_cap * 2 : 64;
	size_t *map = calloc(cap, sizeof(*map));

	if (!map)
		return -1;
	free(ss->map);
	ss->map = map;
	ss->map_cap = cap;
	ss->map_used = 0;
	for (size_t r = 0; r < ss->n; r++) {
		size_t i = summary_slot(ss, ss->rows[r].pid);

		if (!ss->map[i])
			ss->map_used++;
		ss->map[i] = r + 1;
	}
	return 0;
}

/* Index of the newest row of pid, or -1. */
static long summary_find(const struct summary_sink *ss, pid_t pid)
{
	size_t i;

	if (!ss->map_cap)
		return -1;
	i = summary_slot(ss, pid);
	return ss->map[i] ? (long)(ss->map[i] - 1) : -1;
}

/* A new row for pid (a new process, or a reused pid); -1 out of memory. */
static long summary_add(struct summary_sink *ss, pid_t pid, uint64_t ts)
{
	size_t i;

	if (ss->n == ss->cap) {
		size_t cap = ss->cap ? ss->cap * 2 : 64;
		struct summary_row *rows =
			realloc(ss->rows, cap * sizeof(*rows));

		if (!rows)
			goto oom;
		ss->rows = rows;
		ss->cap = cap;
	}
	if ((ss->map_used + 1) * 2 > ss->map_cap && summary_map_grow(ss) < 0)
		goto oom;
	ss->rows[ss->n] = (struct summary_row){
		.pid = pid,
		.start_ts = ts,
		.zombie_ns = -1,
	};
	i = summary_slot(ss, pid);
	if (!ss->map[i])
		ss->map_used++;
	ss->map[i] = ++ss->n;
	return (long)(ss->n - 1);
oom:
	ss->oom = true;
	return -1;
}

/* The row of pid, created when first seen. */
static long summary_get(struct summary_sink *ss, pid_t pid, uint64_t ts)
{
	long r = summary_find(ss, pid);

	return r >= 0 ? r : summary_add(ss, pid, ts);
}

/* A process that starts now: a new row unless a live one exists. */
static long summary_begin(struct summary_sink *ss, pid_t pid, uint64_t ts)
{
	long r = summary_find(ss, pid);

	if (r < 0 || ss->rows[r].exited)
		return summary_add(ss, pid, ts);
	/* Seen before its creation event (the child's stop came first). */
	if (ts < ss->rows[r].start_ts)
		ss->rows[r].start_ts = ts;
	return r;
}

static void summary_set_comm(struct summary_row *row, const char *comm)
{
	if (comm)
		snprintf(row->comm, sizeof(row->comm), "%s", comm);
}

static void summary_clone(struct summary_sink *ss, const struct pt_event *ev)
{
	long parent = summary_get(ss, ev->pid, ev->ts), child;

	if (ev->u.clone.thread)
		return;
	child = summary_begin(ss, ev->u.clone.child_pid, ev->ts);
	/* A forked child has its parent's comm until it execs. */
	if (child >= 0 && parent >= 0 && !ss->rows[child].comm[0])
		memcpy(ss->rows[child].comm, ss->rows[parent].comm,
		       sizeof(ss->rows[child].comm));
}

static void summary_exit(struct summary_sink *ss, const struct pt_event *ev)
{
	long r;

	if (!ev->u.exit.group)
		return;
	r = summary_get(ss, ev->pid, ev->ts);
	if (r < 0)
		return;
	ss->rows[r].exited = true;
	ss->rows[r].exit_ts = ev->ts;
	ss->rows[r].status_known = ev->u.exit.code_known;
	ss->rows[r].st = ev->u.exit.st;
}

static void summary_reap(struct summary_sink *ss, const struct pt_event *ev)
{
	const struct ev_reap *rp = &ev->u.reap;
	long r = summary_get(ss, rp->child_pid, ev->ts);
	struct summary_row *row;

	if (r < 0)
		return;
	row = &ss->rows[r];
	if (!row->exited) {
		/* No exit event (e.g. attach mode): it died when it became a zombie. */
		row->exited = true;
		row->exit_ts = ev->ts;
		if (rp->zombie_ns >= 0 && (uint64_t)rp->zombie_ns <= ev->ts)
			row->exit_ts = ev->ts - (uint64_t)rp->zombie_ns;
	}
	if (!row->status_known) {
		row->status_known = true;
		row->st = rp->st;
	}
	row->zombie_ns = rp->zombie_ns;
}

/* Count one plt event for its process; the last symbol is checked first. */
static void summary_plt(struct summary_sink *ss, const struct pt_event *ev)
{
	long r = summary_get(ss, ev->pid, ev->ts);
	const char *sym = ev->u.plt.symbol ? ev->u.plt.symbol : "?";
	struct summary_row *row;
	size_t i;

	if (r < 0)
		return;
	row = &ss->rows[r];
	for (i = row->n_plt; i-- > 0;)
		if (strcmp(row->plt[i].symbol, sym) == 0) {
			row->plt[i].calls++;
			return;
		}
	if (row->n_plt == row->cap_plt) {
		size_t cap = row->cap_plt ? row->cap_plt * 2 : 8;
		struct summary_plt *p = realloc(row->plt, cap * sizeof(*p));

		if (!p) {
			ss->oom = true;
			return;
		}
		row->plt = p;
		row->cap_plt = cap;
	}
	row->plt[row->n_plt].symbol = strdup(sym);
	if (!row->plt[row->n_plt].symbol) {
		ss->oom = true;
		return;
	}
	row->plt[row->n_plt++].calls = 1;
}

static int summary_cmp_plt(const void *a, const void *b)
{
	const struct summary_plt *x = a, *y = b;

	if (x->calls != y->calls)
		return x->calls < y->calls ? 1 : -1;
	return strcmp(x->symbol, y->symbol);
}

/* Per process, most called first: "  PID  CALLS SYMBOL". */
static void summary_print_plt(FILE *out, struct summary_sink *ss)
{
	bool any = false;

	for (size_t r = 0; r < ss->n; r++)
		any |= ss->rows[r].n_plt > 0;
	if (!any)
		return;
	fprintf(out, "PLT calls:\n%5s %10s %s\n", "PID", "CALLS", "SYMBOL");
	for (size_t r = 0; r < ss->n; r++) {
		struct summary_row *row = &ss->rows[r];
		char sym[256];

		if (row->n_plt)
			qsort(row->plt, row->n_plt, sizeof(*row->plt), summary_cmp_plt);
		for (size_t i = 0; i < row->n_plt; i++) {
			text_escape(sym, sizeof(sym), row->plt[i].symbol,
				    strlen(row->plt[i].symbol));
			fprintf(out, "%5d %10lu %s\n", (int)row->pid,
				row->plt[i].calls, sym);
		}
	}
}

static void summary_sink_event(void *ctx, const struct pt_event *ev)
{
	struct summary_sink *ss = ctx;
	long r;

	switch (ev->kind) {
	case EV_START:
	case EV_END:
	case EV_NOTICE:
	case EV_KIND_COUNT:
		return;
	case EV_ATTACH:
		r = summary_begin(ss, ev->pid, ev->ts);
		if (r >= 0)
			summary_set_comm(&ss->rows[r], ev->u.attach.comm);
		return;
	case EV_CLONE:
		summary_clone(ss, ev);
		return;
	case EV_EXEC:
		r = summary_get(ss, ev->pid, ev->ts);
		if (r >= 0 && ev->u.exec.ok)
			summary_set_comm(&ss->rows[r], ev->u.exec.comm);
		return;
	case EV_EXIT:
		summary_exit(ss, ev);
		return;
	case EV_REAP:
		/* Not the waiter: an inferred reap may name untraced init. */
		summary_reap(ss, ev);
		return;
	case EV_SIGNAL:
		r = summary_get(ss, ev->pid, ev->ts);
		if (r >= 0 && ev->u.signal.kind == SK_DELIVER)
			ss->rows[r].signals++;
		return;
	case EV_PLT:
		summary_plt(ss, ev);
		return;
	/* Only a row: no column counts these (each kind reads its own union member). */
	case EV_REPARENT:
	case EV_CREDS:
	case EV_NS:
	case EV_VMA:
	case EV_STATE:
	case EV_DETACH:
		summary_get(ss, ev->pid, ev->ts);
		return;
	}
}

/* "exit 0", "SIGKILL", "SIGSEGV (core)"; "-" still running, "?" unknown. */
static void summary_exit_text(char *buf, size_t size,
			      const struct summary_row *row)
{
	char sig[32];

	if (!row->exited) {
		snprintf(buf, size, "-");
	} else if (!row->status_known) {
		snprintf(buf, size, "?");
	} else if (!row->st.signaled) {
		snprintf(buf, size, "exit %d", row->st.code);
	} else {
		decode_signal(sig, sizeof(sig), row->st.sig);
		snprintf(buf, size, "%s%s", sig, row->st.core ? " (core)" : "");
	}
}

static void summary_comm_text(char *buf, size_t size,
			      const struct summary_row *row)
{
	if (row->comm[0])
		text_escape(buf, size, row->comm, strlen(row->comm));
	else
		snprintf(buf, size, "?");
}

static void summary_print_row(FILE *out, const struct summary_row *row)
{
	char comm[80], exit_text[48], life[32] = "-", zombie[32] = "-";

	summary_comm_text(comm, sizeof(comm), row);
	summary_exit_text(exit_text, sizeof(exit_text), row);
	if (row->exited && row->exit_ts >= row->start_ts)
		text_duration(life, sizeof(life), row->exit_ts - row->start_ts);
	if (row->zombie_ns >= 0)
		text_duration(zombie, sizeof(zombie), (uint64_t)row->zombie_ns);
	fprintf(out, "%5d %-16s %-17s %8s %9s %8lu\n", (int)row->pid, comm,
		exit_text, life, zombie, row->signals);
}

/* The top zombies by time, ties in creation order; no allocation. */
static void summary_print_zombies(FILE *out, const struct summary_sink *ss)
{
	size_t top[SUMMARY_TOP_ZOMBIES], n_top = 0;

	fputs("Longest-lived zombies:\n", out);
	while (n_top < SUMMARY_TOP_ZOMBIES) {
		long best = -1;

		for (size_t r = 0; r < ss->n; r++) {
			bool taken = false;

			if (ss->rows[r].zombie_ns < 0)
				continue;
			for (size_t k = 0; k < n_top; k++)
				taken |= top[k] == r;
			if (!taken &&
			    (best < 0 ||
			     ss->rows[r].zombie_ns > ss->rows[best].zombie_ns))
				best = (long)r;
		}
		if (best < 0)
			break;
		top[n_top++] = (size_t)best;
	}
	if (n_top == 0)
		fputs("  none\n", out);
	for (size_t k = 0; k < n_top; k++) {
		const struct summary_row *row = &ss->rows[top[k]];
		char comm[80], zombie[32];

		summary_comm_text(comm, sizeof(comm), row);
		text_duration(zombie, sizeof(zombie), (uint64_t)row->zombie_ns);
		fprintf(out, "%5d %-16s %s\n", (int)row->pid, comm, zombie);
	}
}

static void summary_print(FILE *out, const struct summary_sink *ss)
{
	fprintf(out, "%5s %-16s %-17s %8s %9s %8s\n", "PID", "COMM", "EXIT",
		"LIFETIME", "ZOMBIE", "SIGNALS");
	for (size_t r = 0; r < ss->n; r++)
		summary_print_row(out, &ss->rows[r]);
	if (ss->oom)
		fputs("(incomplete: out of memory)\n", out);
	summary_print_zombies(out, ss);
}

static void summary_sink_flush(void *ctx)
{
	(void)ctx; /* nothing is written before close */
}

static int summary_sink_close(void *ctx)
{
	struct summary_sink *ss = ctx;
	int ret = 0, err = 0;

	summary_print(ss->out, ss);
	summary_print_plt(ss->out, ss);
	/* An earlier failed write leaves only the error flag: say EIO then. */
	if (fflush(ss->out) != 0) {
		ret = -1;
		err = errno;
	} else if (ferror(ss->out)) {
		ret = -1;
		err = EIO;
	}
	if (ss->close_file && fclose(ss->out) != 0 && ret == 0) {
		ret = -1;
		err = errno;
	}
	for (size_t r = 0; r < ss->n; r++) {
		for (size_t i = 0; i < ss->rows[r].n_plt; i++)
			free(ss->rows[r].plt[i].symbol);
		free(ss->rows[r].plt);
	}
	free(ss->rows);
	free(ss->map);
	free(ss);
	if (ret)
		errno = err;
	return ret;
}

void *summary_sink_new(FILE *out, bool close_file)
{
	struct summary_sink *ss = calloc(1, sizeof(*ss));

	if (!ss)
		return NULL;
	ss->out = out;
	ss->close_file = close_file;
	return ss;
}

const struct sink_ops summary_sink_ops = {
	.name = "summary",
	.event = summary_sink_event,
	.flush = summary_sink_flush,
	.close = summary_sink_close,
};
