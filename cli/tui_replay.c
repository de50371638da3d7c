/* tui_replay.c - the terminal UI on a saved log: a tui_source and a tui_log over the log reader. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/tui_sources.h"
#include "event/clock.h"
#include "model/model.h"
#include "tui/tui.h"

/* The log's lines, kept raw and parsed again when the cursor needs them. */
struct tui_replay {
	struct replay_log *rl;
	struct model *m;
	char **lines;
	size_t *line_len;
	size_t n_lines;
};

static uint64_t tui_replay_now(void *ctx)
{
	struct tui_replay *r = ctx;

	return model_last_ts(r->m);
}

static bool tui_replay_trace_over(void *ctx)
{
	(void)ctx;
	return true;
}

/*
 * A replay has no tracees: no state, no /proc (the zombie diagnosis says
 * "(live only)"), no signals, no quit.
 */
static const struct tui_source_ops tui_replay_source = {
	.now = tui_replay_now,
	.trace_over = tui_replay_trace_over,
};

static size_t tui_replay_n_events(void *ctx)
{
	struct tui_replay *r = ctx;

	return r->n_lines;
}

static int tui_replay_event_at(void *ctx, size_t i, struct pt_event *ev)
{
	struct tui_replay *r = ctx;
	char err[256];

	return replay_parse_line(r->rl, r->lines[i], r->line_len[i], -1, ev,
				 err, sizeof(err));
}

static const struct tui_log_ops tui_replay_log = {
	.n_events = tui_replay_n_events,
	.event_at = tui_replay_event_at,
};

static int tui_replay_grow(struct tui_replay *r, size_t *cap)
{
	size_t nc = *cap ? *cap * 2 : 256;
	char **l = realloc(r->lines, nc * sizeof(*l));
	size_t *ll;

	if (!l)
		return -1;
	r->lines = l;
	ll = realloc(r->line_len, nc * sizeof(*ll));
	if (!ll)
		return -1;
	r->line_len = ll;
	*cap = nc;
	return 0;
}

#define TUI_REPLAY_NOTICE_NS 500000000ull /* a load this long says so */

/* "loading LOG: N events..." on stderr once loading takes over 0.5 s. */
static void tui_replay_notice(const struct tui_replay *r, const char *path,
			      uint64_t t0, bool done)
{
	if ((r->n_lines % 4096 && !done) ||
	    clock_mono_ns() - t0 < TUI_REPLAY_NOTICE_NS)
		return;
	fprintf(stderr, "\rloading %s: %zu events\u2026%s", path, r->n_lines,
		done ? "\n" : "");
}

/* Every line of the log, read once; -1 after one message on an error. */
static int tui_replay_load(struct tui_replay *r, const char *path)
{
	struct pt_event ev;
	size_t cap = 0;
	uint64_t t0 = clock_mono_ns();
	int rc;

	while ((rc = replay_next(r->rl, &ev)) > 0) {
		tui_replay_notice(r, path, t0, false);
		size_t len;
		const char *line = replay_line(r->rl, &len);

		if ((r->n_lines == cap && tui_replay_grow(r, &cap) < 0) ||
		    !(r->lines[r->n_lines] = strndup(line, len))) {
			fprintf(stderr, "proctrace: replay: out of memory\n");
			return -1;
		}
		r->line_len[r->n_lines++] = len;
	}
	tui_replay_notice(r, path, t0, true);
	if (rc < 0) {
		fprintf(stderr, "proctrace: %s\n", replay_error(r->rl));
		return -1;
	}
	return 0;
}

int tui_replay(struct replay_log *rl, const char *path, bool no_color,
	       const struct text_opts *topts)
{
	struct tui_replay r = { .rl = rl };
	struct tui_source src = { &tui_replay_source, &r };
	struct tui_log log = { &tui_replay_log, &r };
	struct tui_opts uo = { .no_color = no_color,
			       .escape = text_escape,
			       .duration = text_duration };
	struct tui *u = NULL;
	int rc = 1;

	r.m = text_lines_model_new(topts);
	if (!r.m || tui_replay_load(&r, path) < 0)
		goto out;
	u = tui_new(r.m, &src, &log, &uo);
	if (!u || tui_start(u) < 0)
		goto out;
	if (replay_warning(rl, 0))
		tui_msg(u, "warning: %s", replay_warning(rl, 0));
	tui_run(u);
	rc = 0;
out:
	tui_free(u);
	for (size_t i = 0; i < r.n_lines; i++)
		free(r.lines[i]);
	free(r.lines);
	free(r.line_len);
	model_free(r.m);
	return rc;
}
