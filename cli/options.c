/* options.c - parse proctrace's command line (strace habits where they exist). */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "event/event.h"
#include "cli/options.h"

#define DEFAULT_CLASSES (EVC_PROCESS | EVC_SIGNAL | EVC_CREDS | EVC_NS)

static const struct {
	const char *name;
	unsigned bits;
} class_names[] = {
	{ "process", EVC_PROCESS }, { "signal", EVC_SIGNAL },
	{ "creds", EVC_CREDS },	    { "ns", EVC_NS },
	{ "vma", EVC_VMA },	    { "plt", EVC_PLT },
	{ "all", EVC_ALL },
};

static const char usage_text[] =
	"usage: proctrace [options] -- CMD [ARGS...]\n"
	"       proctrace [options] -p PID[,PID...] [--tree]\n"
	"\n"
	"  -o FILE          text output to FILE (default stderr)\n"
	"  --json FILE      JSON Lines event log, '-' for stdout\n"
	"                   (with --json and no -o, no text is written)\n"
	"  -e, --events L   classes: process,signal,creds,ns,vma,plt,all\n"
	"                   (default process,signal,creds,ns)\n"
	"  -s N             show at most N bytes of each string (default 32)\n"
	"  --env            include the environment in exec events\n"
	"  -t, -tt, -ttt    timestamps: time of day, with microseconds,\n"
	"                   seconds.microseconds since the epoch\n"
	"  -r               timestamps: seconds since the previous event\n"
	"  --summary        per-process table at the end\n"
	"  -p PID[,PID]     attach to running processes (all their threads)\n"
	"  --tree           with -p: also attach every existing descendant\n"
	"  --no-seccomp     launch without the seccomp filter: no syscall\n"
	"                   stops; reaps and sends are inferred\n"
	"  --exact          stop at every syscall for exact events (slow)\n"
	"  --stack          stack trace of the thread at each event\n"
	"  --plt[=main|all] trace library calls through the PLT (default main)\n"
	"  --plt-filter G   only symbols matching the globs G[,G...]\n"
	"  --tui            live process tree in the terminal\n"
	"  --tty-out FILE   with --tui: the tracee's output goes to FILE\n"
	"  --no-color       no colors in the TUI (also: NO_COLOR set)\n"
	"\n"
	"       proctrace replay [options] FILE   re-read a saved event log\n"
	"                                         (proctrace replay --help)\n"
	"       proctrace export --perfetto FILE [-o OUT]\n"
	"                                         Chrome trace JSON (stdout)\n"
	"  -h, --help       this text\n"
	"  -V, --version    print the version\n";

enum {
	OPT_JSON = 256, OPT_ENV, OPT_SUMMARY, OPT_TREE, OPT_NO_SECCOMP,
	OPT_EXACT, OPT_STACK, OPT_PLT, OPT_PLT_FILTER, OPT_TUI, OPT_TTY_OUT,
	OPT_NO_COLOR,
};

/* Each -t: seconds, -tt microseconds, -ttt epoch seconds (strace). */
static const enum text_ts options_more_t[] = {
	[TEXT_TS_NONE] = TEXT_TS_TIME,
	[TEXT_TS_TIME] = TEXT_TS_TIME_US,
	[TEXT_TS_TIME_US] = TEXT_TS_EPOCH_US,
	[TEXT_TS_EPOCH_US] = TEXT_TS_EPOCH_US,
	[TEXT_TS_RELATIVE] = TEXT_TS_TIME,
};

static const struct option long_opts[] = {
	{ "json", required_argument, NULL, OPT_JSON },
	{ "events", required_argument, NULL, 'e' },
	{ "env", no_argument, NULL, OPT_ENV },
	{ "summary", no_argument, NULL, OPT_SUMMARY },
	{ "tree", no_argument, NULL, OPT_TREE },
	{ "no-seccomp", no_argument, NULL, OPT_NO_SECCOMP },
	{ "exact", no_argument, NULL, OPT_EXACT },
	{ "stack", no_argument, NULL, OPT_STACK },
	{ "plt", optional_argument, NULL, OPT_PLT },
	{ "plt-filter", required_argument, NULL, OPT_PLT_FILTER },
	{ "tui", no_argument, NULL, OPT_TUI },
	{ "tty-out", required_argument, NULL, OPT_TTY_OUT },
	{ "no-color", no_argument, NULL, OPT_NO_COLOR },
	{ "output", required_argument, NULL, 'o' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

int options_parse_classes(const char *list, unsigned *classes, char *err,
			  size_t errsize)
{
	char word[32];
	unsigned bits = 0;
	const char *p = list;

	for (;;) {
		size_t len = strcspn(p, ",");
		size_t i;

		if (len == 0 || len >= sizeof(word))
			goto bad;
		memcpy(word, p, len);
		word[len] = '\0';
		for (i = 0; i < sizeof(class_names) / sizeof(class_names[0]); i++)
			if (strcmp(word, class_names[i].name) == 0)
				break;
		if (i == sizeof(class_names) / sizeof(class_names[0]))
			goto bad;
		bits |= class_names[i].bits;
		if (p[len] == '\0')
			break;
		p += len + 1;
	}
	*classes = bits;
	return 0;
bad:
	snprintf(err, errsize,
		 "-e: unknown event class in '%s' (known: process, signal, creds, ns, vma, plt, all)",
		 list);
	return -1;
}

static bool opt_exact_no_seccomp(const struct options *o)
{
	return o->trace.exact && o->trace.no_seccomp;
}

static bool opt_tty_out_no_tui(const struct options *o)
{
	return o->tty_out && !o->tui;
}

static bool opt_tty_out_attach(const struct options *o)
{
	return o->tty_out && o->trace.n_pids;
}

static int parse_pids(struct options *o, const char *arg, char *err,
		      size_t errsize)
{
	const char *p = arg;

	while (*p) {
		char *end;
		long v;
		pid_t *grown;

		errno = 0;
		v = strtol(p, &end, 10);
		if (end == p || errno || v <= 0 || v > INT_MAX ||
		    (*end != ',' && *end != '\0')) {
			snprintf(err, errsize, "-p: invalid process id '%s'", arg);
			return -1;
		}
		grown = realloc(o->trace.pids, (o->trace.n_pids + 1) * sizeof(*o->trace.pids));
		if (!grown) {
			snprintf(err, errsize, "out of memory");
			return -1;
		}
		o->trace.pids = grown;
		o->trace.pids[o->trace.n_pids++] = (pid_t)v;
		p = *end ? end + 1 : end;
	}
	return 0;
}

/* Pairs of options that contradict each other: one row each. */
static const struct {
	bool (*clash)(const struct options *o);
	const char *why;
} conflicts[] = {
	{ opt_exact_no_seccomp,
	  "--exact and --no-seccomp contradict: --exact stops at every syscall, --no-seccomp at none" },
	{ opt_tty_out_no_tui, "--tty-out goes with --tui" },
	{ opt_tty_out_attach,
	  "--tty-out is for a launched command; an attached process keeps its own output" },
};

static int options_conflict(const struct options *o, char *err, size_t errsize)
{
	for (size_t i = 0; i < sizeof(conflicts) / sizeof(conflicts[0]); i++) {
		if (conflicts[i].clash(o)) {
			snprintf(err, errsize, "%s", conflicts[i].why);
			return -1;
		}
	}
	return 0;
}

/*
 * Where a launched command's stdio goes under --tui: --tty-out FILE, else
 * proctrace-PID.tty (PID: ours) beside the --json log or in the current
 * directory.
 */
static void options_tty_path(char *buf, size_t size, const struct options *o,
			     pid_t tracer)
{
	const char *slash;

	if (o->tty_out) {
		snprintf(buf, size, "%s", o->tty_out);
		return;
	}
	slash = o->json_path && strcmp(o->json_path, "-") != 0 ?
			strrchr(o->json_path, '/') : NULL;
	if (slash)
		snprintf(buf, size, "%.*s/proctrace-%d.tty",
			 (int)(slash - o->json_path), o->json_path, (int)tracer);
	else
		snprintf(buf, size, "proctrace-%d.tty", (int)tracer);
}

int options_parse(int argc, char **argv, struct options *o, char *err,
		  size_t errsize)
{
	int c;

	memset(o, 0, sizeof(*o));
	o->trace.classes = DEFAULT_CLASSES;
	o->strsize = 32;
	opterr = 0;
	optind = 1;
	/* "+": stop at the first non-option, so CMD's own options are its own. */
	while ((c = getopt_long(argc, argv, "+o:e:s:p:trhV", long_opts,
				NULL)) != -1) {
		switch (c) {
		case 'o':
			o->text_path = optarg;
			break;
		case OPT_JSON:
			o->json_path = optarg;
			break;
		case 'e':
			if (options_parse_classes(optarg, &o->trace.classes, err,
						  errsize) < 0)
				return -1;
			o->classes_asked = o->trace.classes;
			break;
		case 's': {
			char *end;
			long v = strtol(optarg, &end, 10);

			if (*optarg == '\0' || *end || v < 0 || v > INT_MAX) {
				snprintf(err, errsize, "-s: invalid size '%s'", optarg);
				return -1;
			}
			o->strsize = (int)v;
			break;
		}
		case 'p':
			if (parse_pids(o, optarg, err, errsize) < 0)
				return -1;
			break;
		case 't':
			o->ts = options_more_t[o->ts];
			break;
		case 'r':
			o->ts = TEXT_TS_RELATIVE;
			break;
		case OPT_ENV:
			o->trace.env = true;
			break;
		case OPT_SUMMARY:
			o->summary = true;
			break;
		case OPT_TREE:
			o->trace.tree = true;
			break;
		case OPT_NO_SECCOMP:
			o->trace.no_seccomp = true;
			break;
		case OPT_EXACT:
			o->trace.exact = true;
			break;
		case OPT_STACK:
			o->trace.stack = true;
			break;
		case OPT_PLT:
			if (!optarg || strcmp(optarg, "main") == 0) {
				o->trace.plt = PLT_MAIN;
			} else if (strcmp(optarg, "all") == 0) {
				o->trace.plt = PLT_ALL;
			} else {
				snprintf(err, errsize, "--plt: expected main or all, not '%s'", optarg);
				return -1;
			}
			o->trace.classes |= EVC_PLT;
			break;
		case OPT_PLT_FILTER:
			o->trace.plt_filter = optarg;
			break;
		case OPT_TUI:
			o->tui = true;
			break;
		case OPT_TTY_OUT:
			o->tty_out = optarg;
			break;
		case OPT_NO_COLOR:
			o->no_color = true;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 1;
		case 'V':
			printf("proctrace %s\n", PACKAGE_VERSION);
			return 1;
		case '?':
		default:
			if (optopt && optopt < 256)
				snprintf(err, errsize, "unknown option '-%c' (try --help)", optopt);
			else
				snprintf(err, errsize, "unknown option '%s' (try --help)",
					 argv[optind - 1]);
			return -1;
		}
	}
	if (optind < argc)
		o->trace.cmd = &argv[optind];
	if (getenv("NO_COLOR") && *getenv("NO_COLOR"))
		o->no_color = true;
	/* -e plt or --plt-filter alone mean the main executable's PLT. */
	if ((o->trace.plt_filter || (o->trace.classes & EVC_PLT)) && o->trace.plt == PLT_OFF) {
		o->trace.plt = PLT_MAIN;
		o->trace.classes |= EVC_PLT;
	}
	if (o->trace.cmd && o->trace.n_pids) {
		snprintf(err, errsize, "give either a command or -p PID, not both");
		return -1;
	}
	if (!o->trace.cmd && !o->trace.n_pids) {
		snprintf(err, errsize, "nothing to trace: give -- CMD [ARGS...] or -p PID (try --help)");
		return -1;
	}
	if (o->trace.tree && !o->trace.n_pids) {
		snprintf(err, errsize, "--tree goes with -p");
		return -1;
	}
	if (o->trace.n_pids && o->trace.no_seccomp) {
		snprintf(err, errsize, "--no-seccomp is for a launched command; -p never uses a filter");
		return -1;
	}
	if (options_conflict(o, err, errsize) < 0)
		return -1;
	/* The state sampler feeds the UI's state column. */
	o->trace.sample_state = o->tui;
	if (o->tui && o->trace.cmd) {
		options_tty_path(o->tty_path, sizeof(o->tty_path), o, getpid());
		o->trace.stdio_path = o->tty_path;
	}
	return 0;
}

void options_free(struct options *o)
{
	free(o->trace.pids);
	o->trace.pids = NULL;
}
