/* zombie_view.c - the details pane's zombie lines: gathers the diagnosis's inputs from the model and the source, for the selected process only. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "decode/decode.h"
#include "tui/view.h"
#include "tui/zombie_diag.h"

#define TUI_ZV_DEPTH 4096 /* a guard against a ppid loop in a broken log */

/* The parent's newest reap in the model: its last wait that collected. */
static void tui_zv_last_reap(struct tui *u, pid_t ppid, uint64_t now,
			     struct tui_zdiag *z)
{
	uint64_t best = 0;

	for (size_t i = 0; i < model_nprocs(u->m); i++) {
		const struct model_proc *c = model_proc_at(u->m, i);

		if (c->ppid == ppid && c->reaped && c->reap_ts >= best) {
			best = c->reap_ts;
			z->last_reaped = c->pid;
		}
	}
	if (z->last_reaped)
		z->last_reap_ago = (double)(now > best ? now - best : 0) / 1e9;
}

/*
 * Who gets the parent's children if it exits (kernel/exit.c,
 * find_new_reaper): the nearest living ancestor with the subreaper flag,
 * within the parent's pid namespace, else that namespace's init.
 */
static void tui_zv_reaper(struct tui *u, const struct model_proc *par,
			  struct tui_zdiag *z, char *comm, size_t size)
{
	const struct model_proc *a = par;

	z->reaper = TZR_INIT;
	for (int i = 0; a && i < TUI_ZV_DEPTH; i++) {
		a = model_find(u->m, a->ppid);
		if (!a || a->pid == par->pid)
			return;
		if (a->exited)
			continue;
		z->reaper_pid = a->pid;
		tui_safe(u, comm, size, a->comm);
		z->reaper_comm = comm;
		if (a->subreaper) {
			z->reaper = TZR_SUBREAPER;
			return;
		}
		if (par->n_nspid > 1 && a->n_nspid == par->n_nspid &&
		    a->nspid[a->n_nspid - 1] == 1) {
			z->reaper = TZR_NS_INIT;
			return;
		}
		if (a->attached) {
			z->reaper = TZR_UNKNOWN;
			return;
		}
	}
}

/* The diagnosis of zombie child c of ppid, appended to b. */
static void tui_zv_diagnose(struct tui *u, const struct model_proc *c,
			    pid_t ppid, uint64_t now, struct decode_buf *b)
{
	struct tui_parent_facts f;
	struct tui_zdiag z = { .pid = c->pid,
			       .pgid = c->job.pgid,
			       .ppid = ppid };
	const struct model_proc *par = model_find(u->m, ppid);
	char pcomm[64], rcomm[64], text[640];

	if (par) {
		tui_safe(u, pcomm, sizeof(pcomm), par->comm);
		z.pcomm = pcomm;
		tui_zv_reaper(u, par, &z, rcomm, sizeof(rcomm));
	}
	memset(&f, 0, sizeof(f));
	if (u->src.ops->parent_facts && ppid > 0) {
		u->src.ops->parent_facts(u->src.ctx, ppid, &f);
		z.f = &f;
	}
	tui_zv_last_reap(u, ppid, now, &z);
	tui_zdiag_format(text, sizeof(text), &z);
	decode_buf_puts(b, text);
}

size_t tui_zombie_lines(struct tui *u, const struct model_proc *p, uint64_t now,
			char *buf, size_t size)
{
	const struct model_proc *oldest = NULL;
	struct decode_buf b;
	size_t n = 0;

	decode_buf_init(&b, buf, size);
	if (p->exited) {
		if (!p->reaped)
			tui_zv_diagnose(u, p, p->ppid, now, &b);
		return b.len;
	}
	/* a live parent: its unreaped children, and why the oldest stays */
	for (size_t i = 0; i < model_nprocs(u->m); i++) {
		const struct model_proc *c = model_proc_at(u->m, i);

		if (c->ppid != p->pid || !c->exited || c->reaped)
			continue;
		n++;
		if (!oldest || c->exit_ts < oldest->exit_ts)
			oldest = c;
	}
	if (!n)
		return 0;
	decode_buf_printf(
		&b, "%zu unreaped %s, oldest %.1f s (%d)\n", n,
		n == 1 ? "child" : "children",
		(double)(now > oldest->exit_ts ? now - oldest->exit_ts : 0) /
			1e9,
		(int)oldest->pid);
	tui_zv_diagnose(u, oldest, p->pid, now, &b);
	return b.len;
}
