/* export_main.c - `proctrace export --perfetto|--pftrace LOG [-o OUT]`: a log read back into the Perfetto sinks. */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli/options.h"
#include "cli/subcommands.h"
#include "output/outfile.h"
#include "output/perfetto.h"
#include "output/pftrace.h"
#include "replay/replay.h"

/* The two export formats: how each sink is made and dropped. */
struct export_format {
	void *(*sink_new)(FILE *out);
	const struct sink_ops *ops;
	void (*discard)(void *ctx);
};

static const struct export_format chrome_json = { perfetto_sink_new,
						  &perfetto_sink_ops,
						  perfetto_sink_discard };
static const struct export_format pftrace = { pftrace_sink_new,
					      &pftrace_sink_ops,
					      pftrace_sink_discard };

/*
 * The pftrace sink's first pass, which finds the delivered sends.  A log
 * on stdin cannot be read twice: its sends get no flow.  A bad log is
 * refused here, before anything is written.
 */
static int export_prescan(const char *path, void *ps)
{
	struct replay_log *rl;
	struct pt_event ev;
	char err[512];
	int r;

	if (!strcmp(path, "-"))
		return 0;
	rl = replay_open(path, err, sizeof(err));
	if (!rl) {
		fprintf(stderr, "proctrace: %s\n", err);
		return 1;
	}
	while ((r = replay_next(rl, &ev)) > 0)
		pftrace_sink_prescan(ps, &ev);
	if (r < 0)
		fprintf(stderr, "proctrace: %s\n", replay_error(rl));
	replay_close(rl);
	pftrace_sink_prescan_done(ps);
	return r < 0;
}

/* Every event of rl into the sink; 0, or 1 with the error printed. */
static int export_feed(struct replay_log *rl, const struct export_format *f,
		       void *ctx)
{
	struct sinks sinks = { .n = 0 };
	struct pt_event ev;
	int r;

	if (sinks_add(&sinks, f->ops, ctx, EVC_ALL) < 0) {
		f->discard(ctx);
		return 1;
	}
	while ((r = replay_next(rl, &ev)) > 0)
		sinks_emit(&sinks, &ev);
	if (r < 0) {
		/* No half trace: a bad log gives an error and no output. */
		fprintf(stderr, "proctrace: %s\n", replay_error(rl));
		f->discard(ctx);
		return 1;
	}
	replay_print_warnings(rl);
	if (sinks_close(&sinks) < 0) {
		fprintf(stderr, "proctrace: writing the trace: %s\n",
			strerror(errno));
		return 1;
	}
	return 0;
}

int export_main(int argc, char **argv)
{
	struct options a;
	const struct export_format *f;
	struct replay_log *rl;
	FILE *out;
	void *ctx;
	char err[512];
	bool close_out;
	int rc;

	rl = subcommand_open_log(OPTIONS_EXPORT, argc, argv, &a, &rc);
	if (!rl)
		return rc;
	f = a.pftrace_log ? &pftrace : &chrome_json;
	out = outfile_open("export", a.text_path ? a.text_path : "-",
			   &close_out, err, sizeof(err));
	if (!out) {
		fprintf(stderr, "proctrace: %s\n", err);
		replay_close(rl);
		return 1;
	}
	ctx = f->sink_new(out);
	if (!ctx) {
		fprintf(stderr, "proctrace: export: out of memory\n");
		rc = 1;
	} else if (f == &pftrace && export_prescan(a.log_path, ctx)) {
		pftrace_sink_discard(ctx);
		rc = 1;
	} else {
		rc = export_feed(rl, f, ctx);
	}
	if (close_out)
		fclose(out);
	replay_close(rl);
	return rc;
}
