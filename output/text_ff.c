/* text_ff.c - strace -ff: one text sink per task, each on its own PREFIX.TID file. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output/text_ff.h"
#include "output/pid_set.h"
#include "output/text_life.h"

struct text_ff_task {
	pid_t tid;
	void *sink; /* a text sink on PREFIX.TID */
};

struct text_ff {
	const char *prefix;
	struct text_opts opts; /* with no_pid */
	struct pt_event start; /* what each new file's sink is started with */
	struct text_life life; /* births, for -T and -qq in every file */
	struct text_ff_task *v; /* live tasks only: searched per event */
	size_t n, cap;
	struct pid_set had_file; /* PREFIX.TID was written: append to it */
	int err; /* the first errno opening or closing a file */
};

static struct text_ff_task *text_ff_find(struct text_ff *ff, pid_t tid)
{
	for (size_t i = 0; i < ff->n; i++)
		if (ff->v[i].tid == tid)
			return &ff->v[i];
	return NULL;
}

/* A sink on PREFIX.TID: a new file, or appended to after an exit. */
static void *text_ff_open(struct text_ff *ff, pid_t tid)
{
	bool again = pid_set_has(&ff->had_file, tid);

	char path[4096];
	FILE *f;
	void *sink;

	snprintf(path, sizeof(path), "%s.%d", ff->prefix, (int)tid);
	/* "e": close-on-exec, the traced command must not inherit it */
	f = fopen(path, again ? "ae" : "we");
	if (!f) {
		if (!ff->err)
			fprintf(stderr, "proctrace: -ff: %s: %s\n", path,
				strerror(errno));
		ff->err = ff->err ? ff->err : errno;
		return NULL;
	}
	/* out of memory: a later event of this tid truncates, rare */
	(void)pid_set_add(&ff->had_file, tid);
	sink = text_sink_new(f, true, &ff->opts);
	if (!sink) {
		fclose(f);
		ff->err = ff->err ? ff->err : ENOMEM;
		return NULL;
	}
	text_sink_share_life(sink, &ff->life);
	text_sink_ops.event(sink, &ff->start);
	return sink;
}

static void *text_ff_sink_of(struct text_ff *ff, pid_t tid)
{
	struct text_ff_task *t = text_ff_find(ff, tid);

	if (t)
		return t->sink;
	if (ff->n == ff->cap) {
		size_t cap = ff->cap ? 2 * ff->cap : 16;
		struct text_ff_task *v = realloc(ff->v, cap * sizeof(*v));

		if (!v)
			return NULL;
		ff->v = v;
		ff->cap = cap;
	}
	ff->v[ff->n] = (struct text_ff_task){ tid, text_ff_open(ff, tid) };
	return ff->v[ff->n++].sink;
}

static void text_ff_close_task(struct text_ff *ff, struct text_ff_task *t)
{
	if (t->sink && text_sink_ops.close(t->sink) < 0 && !ff->err)
		ff->err = errno;
	t->sink = NULL;
}

/* At its exit: the file is closed and the task leaves the live table. */
static void text_ff_forget(struct text_ff *ff, pid_t tid)
{
	struct text_ff_task *t = text_ff_find(ff, tid);

	if (!t)
		return;
	text_ff_close_task(ff, t);
	*t = ff->v[--ff->n];
}

static void text_ff_event(void *ctx, const struct pt_event *ev)
{
	struct text_ff *ff = ctx;
	pid_t tid = ev->tid ? ev->tid : ev->pid;
	void *sink;

	if (ev->kind == EV_START) {
		/* Only what a file's sink needs from it: the clock, the mode. */
		ff->start = (struct pt_event){ .kind = EV_START, .ts = ev->ts };
		ff->start.u.start.realtime_ns = ev->u.start.realtime_ns;
		ff->start.u.start.attach_mode = ev->u.start.attach_mode;
	}
	text_life_event(&ff->life, ev);
	if (ev->kind == EV_START || ev->kind == EV_END || tid <= 0)
		return;
	sink = text_ff_sink_of(ff, tid);
	if (sink)
		text_sink_ops.event(sink, ev);
	if (ev->kind == EV_EXIT) {
		text_life_forget(&ff->life, ev);
		text_ff_forget(ff, tid);
	}
}

static void text_ff_flush(void *ctx)
{
	struct text_ff *ff = ctx;

	for (size_t i = 0; i < ff->n; i++)
		if (ff->v[i].sink)
			text_sink_ops.flush(ff->v[i].sink);
}

static int text_ff_close(void *ctx)
{
	struct text_ff *ff = ctx;
	int err;

	for (size_t i = 0; i < ff->n; i++)
		text_ff_close_task(ff, &ff->v[i]);
	err = ff->err;
	text_life_free(&ff->life);
	pid_set_free(&ff->had_file);
	free(ff->v);
	free(ff);
	if (err)
		errno = err;
	return err ? -1 : 0;
}

void *text_ff_new(const char *prefix, const struct text_opts *opts)
{
	struct text_ff *ff = calloc(1, sizeof(*ff));

	if (!ff)
		return NULL;
	ff->prefix = prefix;
	ff->opts = *opts;
	ff->opts.no_pid = true;
	return ff;
}

const struct sink_ops text_ff_ops = {
	.name = "text -ff",
	.event = text_ff_event,
	.flush = text_ff_flush,
	.close = text_ff_close,
};
