/* main.c - proctrace's entry: parse options, open the outputs, run the engine. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "output/json_sink.h"
#include "output/outfile.h"
#include "output/summary_sink.h"
#include "output/text_ff.h"
#include "output/text_sink.h"
#include "cli/subcommands.h"
#include "tracer/engine.h"
#include "tracer/launch.h"
#include "cli/features.h"
#include "cli/options.h"

static FILE *open_output(const char *what, const char *path, bool *close_it)
{
	char err[512];
	FILE *f = outfile_open(what, path, close_it, err, sizeof(err));

	if (!f) {
		fprintf(stderr, "proctrace: %s\n", err);
		exit(1);
	}
	return f;
}

/* Text goes to -o, else to stderr unless the JSON log is the output. */
static void open_sinks(struct tracer *t, const struct options *o)
{
	struct text_opts topts = options_text_opts(o);
	FILE *text = NULL, *json = NULL, *summary_out = NULL, *sum_json = NULL;
	bool close_text = false, close_json = false, close_sum_json = false;
	bool per_task = o->follow > 1 && o->text_path; /* -ff -o PREFIX */

	if (o->json_path)
		json = open_output("--json -", o->json_path, &close_json);
	if (per_task)
		sinks_add(&t->sinks, &text_ff_ops,
			  text_ff_new(o->text_path, &topts), EVC_ALL);
	else if (o->text_path)
		text = open_output("-o -", o->text_path, &close_text);
	else if (!o->json_path && !o->tui) /* the TUI owns the terminal */
		text = stderr;
	if (json)
		sinks_add(&t->sinks, &json_sink_ops,
			  json_sink_new(json, close_json), EVC_ALL);
	/* The summary prints at close: before the text sink closes its file. */
	if (o->summary_json)
		sum_json = open_output("--summary-json -", o->summary_json,
				       &close_sum_json);
	if (o->summary)
		summary_out = text ? text : stderr;
	if (o->summary || sum_json)
		sinks_add(&t->sinks, &summary_sink_ops,
			  summary_sink_new(summary_out, false, sum_json,
					   close_sum_json, o->summary_full),
			  EVC_ALL);
	if (text)
		sinks_add(&t->sinks, &text_sink_ops,
			  text_sink_new(text, close_text, &topts), EVC_ALL);
}

/*
 * Attached with --plt, our death leaves int3 bytes in processes we do not
 * own and they die of SIGTRAP (no detach can run after SIGKILL): ask the OOM
 * killer to pick other processes first.  -500, not -1000: a runaway
 * proctrace must stay killable.  Lowering needs CAP_SYS_RESOURCE; without it
 * the write fails (EACCES) and we go on as before.  Not in launch mode: the
 * command would inherit the value and be spared in place of others.
 */
static void protect_from_oom(const struct options *o)
{
	static const char adj[] = "-500";
	ssize_t n;
	int fd;

	if (!o->trace.n_pids || o->trace.plt == PLT_OFF)
		return;
	fd = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	/* EACCES without CAP_SYS_RESOURCE: nothing to do about it. */
	n = write(fd, adj, sizeof(adj) - 1);
	(void)n;
	close(fd);
}

int main(int argc, char **argv)
{
	struct engine_result res;
	struct options opt;
	struct tracer t;
	char err[512];
	int rc;

	outfile_reserve_std();
	/* Whole lines to the terminal, not one write per fprintf. */
	setvbuf(stderr, NULL, _IOLBF, 0);
	if (argc > 1 && strcmp(argv[1], "replay") == 0)
		return replay_main(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "export") == 0)
		return export_main(argc - 1, argv + 1);
	rc = options_parse(OPTIONS_TRACE, argc, argv, &opt, err, sizeof(err));
	if (rc != 0)
		options_free(&opt); /* whatever was parsed before the refusal */
	if (rc > 0)
		return 0;
	if (rc < 0) {
		fprintf(stderr, "proctrace: %s\n", err);
		return 1;
	}
	protect_from_oom(&opt);
	if (opt.trace.exact)
		fprintf(stderr,
			"proctrace: --exact stops at every syscall: expect the traced program to run many times slower\n");
	if (opt.trace.daemonize)
		launch_note_ignored_signals(&opt.trace);
	if (engine_init(&t, &opt.trace) < 0) {
		fprintf(stderr,
			"proctrace: cannot set up signal handling: %s\n",
			strerror(errno));
		return 1;
	}
	open_sinks(&t, &opt);
	if (features_register(&t, &opt) < 0) {
		sinks_close(&t.sinks);
		return 1;
	}
	engine_run(&t, &res);
	/* The UI, if any, has given the terminal back: say how the run ended. */
	if (res.killed[0])
		fprintf(stderr, "proctrace: %s\n", res.killed);
	if (res.error[0])
		fprintf(stderr, "proctrace: %s\n", res.error);
	tasks_free_all(&t.tasks);
	options_free(&opt);
	return res.exit_status;
}
