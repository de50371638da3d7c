/* plt.c - the PLT observer: its engine hooks and registration (--plt). */
#include "config.h"

#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/user.h>

#include "probes/plt_impl.h"

static void plt_attach_done(void *ctx, struct tracer *t)
{
	struct plt_ctx *c = ctx;
	struct proc *p;
	size_t b;

	/* Every thread of every process is seized: plant once per process. */
	for (p = tasks_first_proc(&t->tasks, &b); p;
	     p = tasks_next_proc(&t->tasks, &b, p))
		if (p->threads && !plt_space_of(c, p))
			plt_space_start(c, t, p->threads);
}

static void plt_execed(void *ctx, struct tracer *t, struct task *task)
{
	/*
	 * The old image and every int3 in it are gone (doc/ptrace-notes.md,
	 * "breakpoints after exec").
	 */
	plt_space_start(ctx, t, task);
}

static void plt_cloned(void *ctx, struct tracer *t, struct task *parent,
		       struct task *child, const struct ev_clone *cl)
{
	struct plt_ctx *c = ctx;
	struct plt_space *s = plt_space_of(c, parent->proc);

	(void)t;
	if (!s || cl->thread || !child->proc || child->proc == parent->proc)
		return;
	if (cl->flags & CLONE_VM) {
		/* vfork and friends: one memory, one table. */
		s->refs++;
		plt_space_bind(c, child->proc, s);
		return;
	}
	/*
	 * fork: the child inherited every int3 byte (doc/ptrace-notes.md,
	 * "breakpoints across fork").
	 */
	plt_space_bind(c, child->proc, plt_space_copy(s, child->proc->pid));
}

static void plt_releasing(void *ctx, struct tracer *t, struct task *task)
{
	struct plt_ctx *c = ctx;
	struct plt_space *s = plt_space_of(c, task->proc);
	struct user_regs_struct regs;
	struct plt_bp *bp;

	(void)t;
	if (!s)
		return;
	/* Never leave an int3 behind: the program would die of SIGTRAP. */
	plt_unplant_all(s, task->tid);
	/* Stopped just past one of our int3s: run the restored instruction. */
	if (ptrace(PTRACE_GETREGS, task->tid, 0, &regs) == 0 &&
	    (bp = plt_bp_find(s, regs.rip - 1)) && !bp->planted) {
		regs.rip = bp->addr;
		ptrace(PTRACE_SETREGS, task->tid, 0, &regs);
	}
}

static void plt_proc_gone(void *ctx, struct tracer *t, struct proc *proc)
{
	(void)t;
	plt_space_bind(ctx, proc, NULL);
}

static void plt_finish(void *ctx, struct tracer *t)
{
	struct plt_ctx *c = ctx;

	(void)t;
	plt_spaces_free(c);
	plt_files_free(c);
	free(c->globs);
	free(c);
}

static const struct observer_ops plt_ops = {
	.name = "plt",
	.attach_done = plt_attach_done,
	.cloned = plt_cloned,
	.execed = plt_execed,
	.trap = plt_trap,
	.releasing = plt_releasing,
	.proc_gone = plt_proc_gone,
	.finish = plt_finish,
};

/* Split "a*,b" into a NULL-terminated vector in one block. */
static char **plt_split_globs(const char *list)
{
	size_t n = 2, len = strlen(list);
	char **v, *s;

	for (const char *p = list; *p; p++)
		n += *p == ',';
	v = malloc(n * sizeof(*v) + len + 1);
	if (!v)
		return NULL;
	s = memcpy((char *)(v + n), list, len + 1);
	n = 0;
	for (char *tok = strtok(s, ","); tok; tok = strtok(NULL, ","))
		v[n++] = tok;
	v[n] = NULL;
	return v;
}

int plt_register(struct tracer *t, const struct trace_opts *o)
{
	struct plt_ctx *c;

	if (o->plt == PLT_OFF)
		return 0;
	c = calloc(1, sizeof(*c));
	if (!c ||
	    (o->plt_filter && !(c->globs = plt_split_globs(o->plt_filter)))) {
		free(c);
		fprintf(stderr, "proctrace: out of memory\n");
		return -1;
	}
	c->mode = o->plt;
	if (observers_add(&t->obs, &plt_ops, c) < 0) {
		fprintf(stderr, "proctrace: too many observers for --plt\n");
		plt_finish(c, t);
		return -1;
	}
	return 0;
}
