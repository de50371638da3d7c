/* tree_rows.c - the tree as drawn: live before dead siblings, old reaped ones folded, the search filter, tree lines. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decode.h"
#include "tui/view.h"

#define TUI_FOLD_NS 5000000000ull /* reaped rows fold after this */

/* Scratch of one build, all indexed by model row. */
struct tui_rows_work {
	const struct model_row *mr;
	size_t n;
	long *up, *first, *next, *last_kid, *stack;
	long *vup; /* by stack slot: the drawn parent */
	size_t *fold; /* reaped processes folded under this row */
	size_t *procs; /* processes in the subtree of this row, itself too */
	bool *foldable, *keep, *is_last; /* is_last: by stack slot */
	size_t root_fold;
};

static bool tui_rows_dead(const struct model_row *r)
{
	return r->thread < 0 && r->proc->exited;
}

static bool tui_rows_old(const struct model_row *r, uint64_t now)
{
	return r->thread < 0 && r->proc->reaped &&
	       now > r->proc->reap_ts + TUI_FOLD_NS;
}

/* The argv of the last exec, joined by spaces, made printable. */
void tui_tree_argv(const struct tui *u, char *buf, size_t size,
		   const struct model_proc *p)
{
	struct decode_buf b;
	char safe[256];

	decode_buf_init(&b, buf, size);
	for (size_t i = 0; p->argv && p->argv[i]; i++) {
		tui_safe(u, safe, sizeof(safe), p->argv[i]);
		decode_buf_printf(&b, "%s%s", i ? " " : "", safe);
	}
}

/* The process search: the pid, the comm or the argv holds the text. */
bool tui_tree_matches(const struct tui *u, const struct model_proc *p)
{
	char pid[16];

	if (!u->find_len)
		return true;
	snprintf(pid, sizeof(pid), "%d", (int)p->pid);
	if (strstr(pid, u->find) || strstr(p->comm, u->find))
		return true;
	for (size_t i = 0; p->argv && p->argv[i]; i++)
		if (strstr(p->argv[i], u->find))
			return true;
	return false;
}

/*
 * Parents from the depth-first order, and what folds or stays: children
 * come after their parent, so one pass backwards sees every child before it.
 */
static void tui_rows_link(struct tui *u, struct tui_rows_work *w, uint64_t now)
{
	bool filter = u->find_filter && u->find_len;

	for (size_t i = 0; i < w->n; i++) {
		int d = w->mr[i].depth;

		w->stack[d] = (long)i;
		w->up[i] = d > 0 ? w->stack[d - 1] : -1;
		w->first[i] = w->last_kid[i] = w->next[i] = -1;
		w->fold[i] = 0;
		w->procs[i] = w->mr[i].thread < 0;
		w->foldable[i] = !u->show_gone && !filter &&
				 tui_rows_old(&w->mr[i], now);
		w->keep[i] = !filter || (w->mr[i].thread < 0 &&
					 tui_tree_matches(u, w->mr[i].proc));
	}
	for (size_t i = 0; i < w->n; i++) {
		long p = w->up[i];

		if (p < 0)
			continue;
		if (w->last_kid[p] < 0)
			w->first[p] = (long)i;
		else
			w->next[w->last_kid[p]] = (long)i;
		w->last_kid[p] = (long)i;
	}
	w->root_fold = 0;
	for (size_t i = w->n; i-- > 0;) {
		long p = w->up[i];

		if (p >= 0 && !w->foldable[i])
			w->foldable[p] = false;
		if (p >= 0 && w->keep[i])
			w->keep[p] = true;
		if (p >= 0)
			w->procs[p] += w->procs[i];
	}
	/*
	 * Only now is every row's foldable settled (an earlier sibling may
	 * have made the parent unfoldable): a folded subtree counts all of
	 * its processes under the nearest row that stays.
	 */
	for (size_t i = 0; i < w->n; i++) {
		long p = w->up[i];

		if (!w->foldable[i] || (p >= 0 && w->foldable[p]))
			continue;
		if (p < 0)
			w->root_fold += w->procs[i];
		else
			w->fold[p] += w->procs[i];
	}
}

static int tui_rows_add(struct tui *u, size_t *n, struct tui_vrow v)
{
	if (*n == u->cap_vrows) {
		size_t cap = u->cap_vrows ? u->cap_vrows * 2 : 256;
		struct tui_vrow *r = realloc(u->vrows, cap * sizeof(*r));

		if (!r)
			return -1;
		u->vrows = r;
		u->cap_vrows = cap;
	}
	u->vrows[(*n)++] = v;
	return 0;
}

/*
 * The children of row i (or the roots, i < 0) in drawing order, pushed on
 * the stack so the first pops first: threads and live ones, then the dead,
 * then the fold (pushed as -1 - i: a fold row under i).
 */
static void tui_rows_push_kids(struct tui_rows_work *w, size_t *sp, long i,
			       long *region)
{
	size_t from = *sp;

	for (int pass = 0; pass < 2; pass++) {
		long c = i >= 0 ? w->first[i] : 0;

		for (; c >= 0 && (size_t)c < w->n;
		     c = i >= 0 ? w->next[c] : c + 1) {
			if (i < 0 && w->up[c] >= 0)
				continue;
			if (!w->keep[c] || w->foldable[c] ||
			    tui_rows_dead(&w->mr[c]) != (pass == 1))
				continue;
			w->stack[(*sp)++] = c;
		}
	}
	if (i >= 0 ? w->fold[i] : w->root_fold)
		w->stack[(*sp)++] = -(i + 2); /* the roots' fold: -1 */
	*region = (long)from;
	/* reverse: the first child pops first */
	for (size_t a = from, b = *sp; a + 1 < b; a++, b--) {
		long t = w->stack[a];

		w->stack[a] = w->stack[b - 1];
		w->stack[b - 1] = t;
	}
}

/* One drawn row for stack value v under drawn row up. */
static int tui_rows_emit(struct tui *u, struct tui_rows_work *w, size_t *n,
			 long v, long up, bool last)
{
	struct tui_vrow r = { .up = up, .last = last, .thread = -1 };
	long parent = v >= 0 ? -1 : -v - 2;

	r.depth = up >= 0 ? u->vrows[up].depth + 1 : 0;
	if (v >= 0) {
		r.proc = w->mr[v].proc;
		r.thread = w->mr[v].thread;
		r.kind = r.thread < 0 ? TV_PROC : TV_THREAD;
	} else {
		r.kind = TV_FOLD;
		r.proc = parent >= 0 ? w->mr[parent].proc : NULL;
		r.folded = parent >= 0 ? w->fold[parent] : w->root_fold;
	}
	return tui_rows_add(u, n, r);
}

static size_t tui_rows_walk(struct tui *u, struct tui_rows_work *w)
{
	size_t n = 0, sp = 0;
	long from;

	tui_rows_push_kids(w, &sp, -1, &from);
	for (size_t k = (size_t)from; k < sp; k++) {
		w->vup[k] = -1;
		w->is_last[k] = k == (size_t)from;
	}
	while (sp > 0) {
		long v = w->stack[--sp];
		bool last = w->is_last[sp];
		long me = (long)n;

		if (tui_rows_emit(u, w, &n, v, w->vup[sp], last) < 0)
			break;
		if (v < 0)
			continue;
		tui_rows_push_kids(w, &sp, v, &from);
		for (size_t k = (size_t)from; k < sp; k++) {
			w->vup[k] = me;
			w->is_last[k] = k == (size_t)from;
		}
	}
	return n;
}

size_t tui_tree_vrows(struct tui *u, uint64_t now, struct tui_vrow **rows)
{
	struct model_row *mr;
	size_t n = model_rows(u->m, now, -1, &mr), out = 0;
	size_t slots = 2 * n + 2;
	struct tui_rows_work w = { .mr = mr, .n = n };

	w.up = malloc(n * sizeof(long) + 1);
	w.first = malloc(n * sizeof(long) + 1);
	w.next = malloc(n * sizeof(long) + 1);
	w.last_kid = malloc(n * sizeof(long) + 1);
	w.stack = malloc(slots * sizeof(long));
	w.is_last = malloc(slots);
	w.vup = malloc(slots * sizeof(long));
	w.fold = malloc(n * sizeof(size_t) + 1);
	w.procs = malloc(n * sizeof(size_t) + 1);
	w.foldable = malloc(n + 1);
	w.keep = malloc(n + 1);
	if (w.up && w.first && w.next && w.last_kid && w.stack && w.is_last &&
	    w.vup && w.fold && w.procs && w.foldable && w.keep) {
		tui_rows_link(u, &w, now);
		out = tui_rows_walk(u, &w);
	}
	free(w.up);
	free(w.first);
	free(w.next);
	free(w.last_kid);
	free(w.stack);
	free(w.is_last);
	free(w.vup);
	free(w.fold);
	free(w.procs);
	free(w.foldable);
	free(w.keep);
	*rows = u->vrows;
	return out;
}

/* The tree lines before row i: a bar for each open ancestor, then a tee or a corner. */
void tui_tree_prefix(const struct tui *u, const struct tui_vrow *rows, long i,
		     char *buf, size_t size)
{
	static const char *const uni[] = { "   ", "\u2502  ", "\u251c\u2500 ",
					   "\u2514\u2500 " };
	static const char *const asc[] = { "   ", "|  ", "|- ", "`- " };
	const char *const *g = u->ascii ? asc : uni;
	const char *parts[64];
	int np = 0;
	struct decode_buf b;

	decode_buf_init(&b, buf, size);
	if (rows[i].up < 0)
		return;
	parts[np++] = g[rows[i].last ? 3 : 2];
	for (long a = rows[i].up; a >= 0 && rows[a].up >= 0 && np < 64;
	     a = rows[a].up)
		parts[np++] = g[rows[a].last ? 0 : 1];
	while (np > 0)
		decode_buf_puts(&b, parts[--np]);
}
