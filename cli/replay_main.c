/* replay_main.c - `proctrace replay`: feed a saved log to the text sink (or the TUI). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "output/outfile.h"
#include "output/summary_sink.h"
#include "output/text_sink.h"
#include "output/text_tree.h"
#include "model/model.h"
#include "cli/options.h"
#include "cli/subcommands.h"
#include "replay/replay.h"
#include "cli/tui_sources.h"

/*
 * The summary (if asked) and text sinks on out, into an empty set; -1 when
 * one could not be made (out of memory, or --summary-json's file with the
 * message printed): out is closed then (if close_out).
 */
static int replay_add_sinks(struct sinks *sinks, FILE *out, bool close_out,
			    const struct options *a,
			    const struct text_opts *topts)
{
	void *text = text_sink_new(out, close_out, topts), *sum = NULL;
	FILE *sum_json = NULL;
	bool close_sum_json = false;
	char err[512];

	_Static_assert(SINKS_MAX >= 2, "replay needs two sinks");
	if (!text) {
		if (close_out)
			fclose(out);
		fprintf(stderr, "proctrace: replay: out of memory\n");
		return -1;
	}
	if (a->summary_json &&
	    !(sum_json = outfile_open("--summary-json -", a->summary_json,
				      &close_sum_json, err, sizeof(err)))) {
		fprintf(stderr, "proctrace: %s\n", err);
		text_sink_ops.close(text); /* it owns out */
		return -1;
	}
	if ((a->summary || sum_json) &&
	    !(sum = summary_sink_new(a->summary ? out : NULL, false, sum_json,
				     close_sum_json, a->summary_full))) {
		fprintf(stderr, "proctrace: replay: out of memory\n");
		if (close_sum_json)
			fclose(sum_json);
		text_sink_ops.close(text);
		return -1;
	}
	/* The summary first: it prints at close, before the text sink closes out. */
	if (sum)
		sinks_add(sinks, &summary_sink_ops, sum, EVC_ALL);
	sinks_add(sinks, &text_sink_ops, text, EVC_ALL);
	return 0;
}

void replay_print_warnings(const struct replay_log *rl)
{
	const char *w;

	for (size_t i = 0; (w = replay_warning(rl, i)); i++)
		fprintf(stderr, "proctrace: warning: %s\n", w);
}

/* The log through the text (and summary) sinks; 0, or 1 on a bad line. */
static int replay_text(struct replay_log *rl, const struct options *a,
		       const struct text_opts *topts)
{
	struct sinks sinks = { .n = 0 };
	struct pt_event ev;
	char err[512];
	bool close_out;
	FILE *out = outfile_open("replay", a->text_path ? a->text_path : "-",
				 &close_out, err, sizeof(err));
	int rc = 0, r;

	if (!out) {
		fprintf(stderr, "proctrace: %s\n", err);
		return 1;
	}
	if (replay_add_sinks(&sinks, out, close_out, a, topts) < 0)
		return 1;
	while ((r = replay_next(rl, &ev)) > 0)
		sinks_emit(&sinks, &ev);
	/* What came before a bad line is printed, then the one error line. */
	if (sinks_close(&sinks) < 0) {
		fprintf(stderr, "proctrace: writing output: %s\n",
			strerror(errno));
		rc = 1;
	}
	if (r < 0) {
		fprintf(stderr, "proctrace: %s\n", replay_error(rl));
		rc = 1;
	} else {
		replay_print_warnings(rl);
	}
	return rc;
}

/* --tree: the log into a keep-all model, printed once as a tree. */
static int replay_tree(struct replay_log *rl, const struct options *a)
{
	struct model *m = model_new_keep_all();
	struct pt_event ev;
	char err[512];
	bool close_out = false;
	FILE *out = NULL;
	int rc = 1, r;

	if (!m) {
		fprintf(stderr, "proctrace: replay: out of memory\n");
		return 1;
	}
	while ((r = replay_next(rl, &ev)) > 0)
		model_event(m, &ev);
	if (r < 0) {
		fprintf(stderr, "proctrace: %s\n", replay_error(rl));
		goto out;
	}
	out = outfile_open("replay", a->text_path ? a->text_path : "-",
			   &close_out, err, sizeof(err));
	if (!out) {
		fprintf(stderr, "proctrace: %s\n", err);
		goto out;
	}
	rc = text_tree_print(out, m, a->ascii) < 0 || fflush(out) != 0;
	if (close_out && fclose(out) != 0)
		rc = 1;
	if (rc)
		fprintf(stderr, "proctrace: writing output: %s\n",
			strerror(errno));
	replay_print_warnings(rl);
out:
	model_free(m);
	return rc;
}

struct replay_log *subcommand_open_log(int cmd, int argc, char **argv,
				       struct options *a, int *rc)
{
	struct replay_log *rl;
	char err[512];
	int r = options_parse_subcommand(cmd, argc, argv, a);

	*rc = r < 0 ? 1 : 0;
	if (r)
		return NULL;
	rl = replay_open(a->log_path, err, sizeof(err));
	if (!rl) {
		fprintf(stderr, "proctrace: %s\n", err);
		*rc = 1;
	}
	return rl;
}

int replay_main(int argc, char **argv)
{
	struct options a;
	struct text_opts topts;
	struct replay_log *rl;
	int rc;

	rl = subcommand_open_log(OPTIONS_REPLAY, argc, argv, &a, &rc);
	if (!rl)
		return rc;
	topts = options_text_opts(&a);
	if (a.tree)
		rc = replay_tree(rl, &a);
	else if (a.tui || (!a.text && !a.text_path && isatty(1) && isatty(0)))
		rc = tui_replay(rl, a.log_path, a.no_color, &topts);
	else
		rc = replay_text(rl, &a, &topts);
	replay_close(rl);
	return rc;
}
