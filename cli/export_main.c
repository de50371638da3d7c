/* export_main.c - `proctrace export --perfetto LOG [-o OUT]`: a log read back into the Perfetto sink. */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli/subcommands.h"
#include "output/outfile.h"
#include "output/perfetto.h"
#include "replay/replay.h"

int export_main(int argc, char **argv)
{
	const char *path = NULL, *out_path = NULL;
	struct sinks sinks = { .n = 0 };
	struct replay_log *rl;
	struct pt_event ev;
	FILE *out;
	void *ps;
	char err[512];
	bool close_out;
	int r, rc = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--perfetto") == 0 && i + 1 < argc && !path) {
			path = argv[++i];
		} else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
			out_path = argv[++i];
		} else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			puts("usage: proctrace export --perfetto LOG [-o OUT]\n"
			     "  Chrome trace-event JSON for ui.perfetto.dev or chrome://tracing (stdout unless -o)");
			return 0;
		} else {
			fprintf(stderr, "proctrace: export: unexpected argument '%s' (usage: proctrace export --perfetto LOG > trace.json)\n",
				argv[i]);
			return 1;
		}
	}
	if (!path) {
		fprintf(stderr, "proctrace: export: which format? (usage: proctrace export --perfetto LOG > trace.json)\n");
		return 1;
	}
	rl = replay_open(path, err, sizeof(err));
	if (!rl) {
		fprintf(stderr, "proctrace: %s\n", err);
		return 1;
	}
	out = outfile_open("export", out_path ? out_path : "-", &close_out, err,
			   sizeof(err));
	if (!out) {
		fprintf(stderr, "proctrace: %s\n", err);
		replay_close(rl);
		return 1;
	}
	ps = perfetto_sink_new(out);
	if (!ps || sinks_add(&sinks, &perfetto_sink_ops, ps, EVC_ALL) < 0) {
		fprintf(stderr, "proctrace: export: out of memory\n");
		if (ps)
			perfetto_sink_discard(ps);
		if (close_out)
			fclose(out);
		replay_close(rl);
		return 1;
	}
	while ((r = replay_next(rl, &ev)) > 0)
		sinks_emit(&sinks, &ev);
	if (r < 0) {
		/* No half trace: a bad log gives an error and no output. */
		fprintf(stderr, "proctrace: %s\n", replay_error(rl));
		rc = 1;
	} else {
		replay_print_warnings(rl);
	}
	if (rc)
		perfetto_sink_discard(ps);
	else if (sinks_close(&sinks) < 0) {
		fprintf(stderr, "proctrace: writing the trace: %s\n", strerror(errno));
		rc = 1;
	}
	if (close_out)
		fclose(out);
	replay_close(rl);
	return rc;
}
