/* export_main.c - `proctrace export --perfetto LOG [-o OUT]`: a log read back into the Perfetto sink. */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli/options.h"
#include "cli/subcommands.h"
#include "output/outfile.h"
#include "output/perfetto.h"
#include "replay/replay.h"

int export_main(int argc, char **argv)
{
	struct options a;
	struct sinks sinks = { .n = 0 };
	struct replay_log *rl;
	struct pt_event ev;
	FILE *out;
	void *ps;
	char err[512];
	bool close_out;
	int r, rc;

	rl = subcommand_open_log(OPTIONS_EXPORT, argc, argv, &a, &rc);
	if (!rl)
		return rc;
	out = outfile_open("export", a.text_path ? a.text_path : "-",
			   &close_out, err, sizeof(err));
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
		fprintf(stderr, "proctrace: writing the trace: %s\n",
			strerror(errno));
		rc = 1;
	}
	if (close_out)
		fclose(out);
	replay_close(rl);
	return rc;
}
