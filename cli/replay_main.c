/* replay_main.c - `proctrace replay`: feed a saved log to the text sink (or the TUI). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "decode/decode.h"
#include "output/outfile.h"
#include "output/summary_sink.h"
#include "output/text_sink.h"
#include "cli/subcommands.h"
#include "replay/replay.h"
#include "cli/tui_sources.h"

static const char replay_usage[] =
	"usage: proctrace replay [--tui|--text] [-o FILE] [-s N] [-t|-tt|-ttt|-r] [--summary] [--no-color] FILE\n"
	"  re-read a JSON event log written with --json; text (as a live run prints it)\n"
	"  when stdout is not a terminal or with --text, else the terminal UI\n";

struct replay_args {
	const char *path, *out;
	bool tui, text, summary, no_color;
	struct text_opts topts;
};

/* Returns 0, 1 (help printed: exit 0) or -1 (message printed). */
static int replay_parse_args(int argc, char **argv, struct replay_args *a)
{
	static const struct {
		const char *flag;
		size_t off;		/* the bool in struct replay_args */
	} flags[] = {
		{ "--tui", offsetof(struct replay_args, tui) },
		{ "--text", offsetof(struct replay_args, text) },
		{ "--summary", offsetof(struct replay_args, summary) },
		{ "--no-color", offsetof(struct replay_args, no_color) },
	};
	static const struct {
		const char *flag;
		enum text_ts ts;
	} stamps[] = {
		{ "-t", TEXT_TS_TIME },
		{ "-tt", TEXT_TS_TIME_US },
		{ "-ttt", TEXT_TS_EPOCH_US },
		{ "-r", TEXT_TS_RELATIVE },
	};

	memset(a, 0, sizeof(*a));
	a->topts.strsize = 32;
	for (int i = 1; i < argc; i++) {
		const char *s = argv[i];
		bool known = false;
		long n;

		for (size_t k = 0; k < sizeof(flags) / sizeof(flags[0]); k++)
			if (strcmp(s, flags[k].flag) == 0) {
				*(bool *)((char *)a + flags[k].off) = true;
				known = true;
			}
		for (size_t k = 0; k < sizeof(stamps) / sizeof(stamps[0]); k++)
			if (strcmp(s, stamps[k].flag) == 0) {
				a->topts.ts = stamps[k].ts;
				known = true;
			}
		if (known)
			continue;
		if (strcmp(s, "-h") == 0 || strcmp(s, "--help") == 0) {
			fputs(replay_usage, stdout);
			return 1;
		}
		if ((strcmp(s, "-o") == 0 || strcmp(s, "-s") == 0) && i + 1 < argc) {
			if (s[1] == 'o') {
				a->out = argv[++i];
			} else if (decode_parse_int(argv[++i], -1, 1 << 20, &n) == 0) {
				a->topts.strsize = (int)n;
			} else {
				fprintf(stderr, "proctrace: replay: -s: not a number: %s\n",
					argv[i]);
				return -1;
			}
			continue;
		}
		if (s[0] == '-' && s[1] && !a->path) {
			fprintf(stderr, "proctrace: replay: unknown option '%s' (try replay --help)\n",
				s);
			return -1;
		}
		if (a->path) {
			fprintf(stderr, "proctrace: replay: one log at a time (got %s and %s)\n",
				a->path, s);
			return -1;
		}
		a->path = s;
	}
	if (!a->path) {
		fprintf(stderr, "proctrace: replay: no log given (usage: proctrace replay [--tui] FILE)\n");
		return -1;
	}
	if (a->tui && a->text) {
		fprintf(stderr, "proctrace: replay: --tui or --text, not both\n");
		return -1;
	}
	if (getenv("NO_COLOR") && *getenv("NO_COLOR"))
		a->no_color = true;
	return 0;
}

/*
 * The summary (if asked) and text sinks on out, into an empty set; -1 when
 * one could not be made (out of memory): out is closed then (if close_out).
 */
static int replay_add_sinks(struct sinks *sinks, FILE *out, bool close_out,
			    const struct replay_args *a)
{
	void *text = text_sink_new(out, close_out, &a->topts), *sum = NULL;

	_Static_assert(SINKS_MAX >= 2, "replay needs two sinks");
	if (!text) {
		if (close_out)
			fclose(out);
		return -1;
	}
	if (a->summary && !(sum = summary_sink_new(out, false))) {
		text_sink_ops.close(text);	/* it owns out */
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
static int replay_text(struct replay_log *rl, const struct replay_args *a)
{
	struct sinks sinks = { .n = 0 };
	struct pt_event ev;
	char err[512];
	bool close_out;
	FILE *out = outfile_open("replay", a->out ? a->out : "-", &close_out,
				 err, sizeof(err));
	int rc = 0, r;

	if (!out) {
		fprintf(stderr, "proctrace: %s\n", err);
		return 1;
	}
	if (replay_add_sinks(&sinks, out, close_out, a) < 0) {
		fprintf(stderr, "proctrace: replay: out of memory\n");
		return 1;
	}
	while ((r = replay_next(rl, &ev)) > 0)
		sinks_emit(&sinks, &ev);
	/* What came before a bad line is printed, then the one error line. */
	if (sinks_close(&sinks) < 0) {
		fprintf(stderr, "proctrace: writing output: %s\n", strerror(errno));
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

int replay_main(int argc, char **argv)
{
	struct replay_args a;
	struct replay_log *rl;
	char err[512];
	int rc;

	rc = replay_parse_args(argc, argv, &a);
	if (rc)
		return rc > 0 ? 0 : 1;
	rl = replay_open(a.path, err, sizeof(err));
	if (!rl) {
		fprintf(stderr, "proctrace: %s\n", err);
		return 1;
	}
	if (a.tui || (!a.text && !a.out && isatty(1) && isatty(0)))
		rc = tui_replay(rl, a.no_color, &a.topts);
	else
		rc = replay_text(rl, &a);
	replay_close(rl);
	return rc;
}
