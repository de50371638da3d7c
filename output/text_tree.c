/* text_tree.c - the whole process tree of a run, printed once like pstree -a -p (replay --tree). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "decode/decode.h"
#include "output/text_put.h"
#include "output/text_sink.h"
#include "output/text_tree.h"

/* One line: a process (span NULL) or one of its threads. */
struct text_tree_item {
	struct model_proc *p;
	const struct model_span *span;
	int depth;
	bool last; /* the last child of its parent */
};

static const char *const text_tree_glyphs[2][4] = {
	/* mid, last, bar, blank */
	{ "\u251c\u2500", "\u2514\u2500", "\u2502 ", "  " },
	{ "|-", "`-", "| ", "  " },
};

/* "exit 3, 1.2 s, zombie 40 us" for a process; running if not dead. */
static void text_tree_status(FILE *out, struct model *m,
			     const struct model_proc *p)
{
	char st[64], life[32], zom[32];
	uint64_t end = model_exit_time(p);

	if (!p->exited && !p->reaped) {
		fputs("  [running]", out);
		return;
	}
	if (p->exit_known)
		decode_exit_status(st, sizeof(st), p->exit_st.signaled,
				   p->exit_st.signaled ? p->exit_st.sig :
							 p->exit_st.code,
				   p->exit_st.core);
	else
		snprintf(st, sizeof(st), "status unknown");
	text_duration(life, sizeof(life),
		      end > p->start_ts ? end - p->start_ts : 0);
	if (p->zombie_ns >= 0)
		text_duration(zom, sizeof(zom), (uint64_t)p->zombie_ns);
	/* no traced parent (the launched command): the tracer reaps it */
	if (!p->reaped && !model_find_before(m, p->ppid, p->order))
		fprintf(out, "  [%s, %s]", st, life);
	else
		fprintf(out, "  [%s, %s, %s%s]", st, life,
			p->reaped ? "zombie " : "never reaped",
			p->reaped ? (p->zombie_ns >= 0 ? zom : "?") : "");
}

static void text_tree_line(FILE *out, struct model *m,
			   const struct text_tree_item *it, const bool *open,
			   bool ascii)
{
	const char *const *g = text_tree_glyphs[ascii];
	const struct model_proc *p = it->p;

	for (int d = 1; d < it->depth; d++)
		fputs(open[d] ? g[2] : g[3], out);
	if (it->depth > 0)
		fputs(it->last ? g[1] : g[0], out);
	/* comm and argv escaped as the text output does: one line each. */
	if (it->span) {
		fputc('{', out);
		text_put_str(out, p->comm[0] ? p->comm : "?");
		fprintf(out, "}(%d)\n", (int)it->span->tid);
		return;
	}
	text_put_str(out, p->comm[0] ? p->comm : "?");
	fprintf(out, "(%d)", (int)p->pid);
	for (size_t i = 1; p->argv && p->argv[0] && p->argv[i]; i++) {
		fputc(' ', out);
		text_put_str(out, p->argv[i]);
	}
	text_tree_status(out, m, p);
	fputc('\n', out);
}

int text_tree_print(FILE *out, struct model *m, bool ascii)
{
	struct model_row *rows;
	size_t n = model_rows(m, model_last_ts(m), -1, &rows), k = 0, cap = n;
	struct text_tree_item *v;
	bool *open;
	int rc = 0;

	for (size_t i = 0; i < n; i++)
		if (rows[i].thread < 0 && rows[i].proc->hist)
			cap += rows[i].proc->hist->n_spans;
	v = calloc(cap + 1, sizeof(*v));
	open = calloc(cap + 2, sizeof(*open));
	if (!v || !open) {
		free(v);
		free(open);
		return -1;
	}
	/* The processes in tree order, each followed by its threads. */
	for (size_t i = 0; i < n; i++) {
		struct model_proc *p = rows[i].proc;

		if (rows[i].thread >= 0)
			continue;
		v[k++] = (struct text_tree_item){ p, NULL, rows[i].depth,
						  false };
		for (size_t s = 0; p->hist && s < p->hist->n_spans; s++)
			v[k++] = (struct text_tree_item){ p, &p->hist->spans[s],
							  rows[i].depth + 1,
							  false };
	}
	/* Last of its siblings: no later item at its depth before a shallower one. */
	for (size_t i = 0; i < k; i++) {
		size_t j = i + 1;

		while (j < k && v[j].depth > v[i].depth)
			j++;
		v[i].last = j == k || v[j].depth < v[i].depth;
	}
	for (size_t i = 0; i < k; i++) {
		if (v[i].depth >= 0 && (size_t)v[i].depth <= cap)
			open[v[i].depth] = !v[i].last;
		text_tree_line(out, m, &v[i], open, ascii);
	}
	if (ferror(out))
		rc = -1;
	free(v);
	free(open);
	return rc;
}
