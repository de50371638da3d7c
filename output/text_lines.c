/* text_lines.c - the model's event pane lines: the text sink writing each event into memory. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "output/text_sink.h"

struct text_lines {
	struct text_opts opts;
	FILE *mem;
	char *buf;
	size_t len;
	void *text; /* a text sink writing into mem */
};

static int text_lines_open(struct text_lines *tl)
{
	tl->mem = open_memstream(&tl->buf, &tl->len);
	if (!tl->mem)
		return -1;
	tl->text = text_sink_new(tl->mem, false, &tl->opts);
	return tl->text ? 0 : -1;
}

static void text_lines_close(struct text_lines *tl)
{
	if (tl->text)
		text_sink_ops.close(tl->text);
	if (tl->mem)
		fclose(tl->mem);
	free(tl->buf);
	tl->text = NULL;
	tl->mem = NULL;
	tl->buf = NULL;
}

static const char *text_lines_format(void *ctx, const struct pt_event *ev,
				     size_t *len)
{
	struct text_lines *tl = ctx;

	if (!tl->text)
		return NULL;
	/* Overwrite from the start: the stream's size follows the position. */
	fseek(tl->mem, 0, SEEK_SET);
	text_sink_ops.event(tl->text, ev);
	fflush(tl->mem);
	*len = tl->len;
	return tl->buf;
}

/* A fresh text sink: -r timestamps and the start time start over. */
static void text_lines_reset(void *ctx)
{
	text_lines_close(ctx);
	text_lines_open(ctx);
}

static void text_lines_free(void *ctx)
{
	text_lines_close(ctx);
	free(ctx);
}

static const struct model_line_ops text_lines_ops = {
	.format = text_lines_format,
	.reset = text_lines_reset,
	.free_ctx = text_lines_free,
};

struct model *text_lines_model_new(const struct text_opts *opts)
{
	struct text_lines *tl = calloc(1, sizeof(*tl));

	if (!tl)
		return NULL;
	tl->opts.strsize = 32;
	if (opts)
		tl->opts = *opts;
	/* One line per event: the details pane shows the exec context. */
	tl->opts.exec_context = false;
	tl->opts.show_cmdline = false;
	if (text_lines_open(tl) < 0) {
		text_lines_free(tl);
		return NULL;
	}
	return model_new(&text_lines_ops, tl);
}
