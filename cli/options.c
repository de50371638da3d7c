/* options.c - one table of options (strace habits where they exist) parses and documents proctrace, replay and export. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "decode/breaks.h"
#include "decode/decode.h"
#include "event/event.h"
#include "cli/options.h"
#include "cli/options_finish.h"
#include "cli/strace_opts.h"
#include "tracer/launch_creds.h"

#define DEFAULT_CLASSES \
	(EVC_PROCESS | EVC_SIGNAL | EVC_CREDS | EVC_NS | EVC_JOB | EVC_CGROUP)
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define OPT_ALL (OPTIONS_TRACE | OPTIONS_REPLAY | OPTIONS_EXPORT)
#define OPT_TEXT (OPTIONS_TRACE | OPTIONS_REPLAY)
/* getopt_long's value for a row without a short letter: past every char. */
#define OPTION_LONG_VAL 256

static const struct {
	const char *name;
	unsigned bits;
} class_names[] = {
	{ "process", EVC_PROCESS }, { "signal", EVC_SIGNAL },
	{ "creds", EVC_CREDS },	    { "ns", EVC_NS },
	{ "vma", EVC_VMA },	    { "plt", EVC_PLT },
	{ "job", EVC_JOB },	    { "cgroup", EVC_CGROUP },
	{ "all", EVC_ALL },
};

int options_parse_classes(const char *list, unsigned *classes, char *err,
			  size_t errsize)
{
	char word[32];
	unsigned bits = 0;
	const char *p = list;

	for (;;) {
		size_t len, i;

		p += *p == '%'; /* strace's group syntax: trace=%process */
		len = strcspn(p, ",");
		if (len == 0 || len >= sizeof(word))
			goto bad;
		memcpy(word, p, len);
		word[len] = '\0';
		for (i = 0; i < ARRAY_SIZE(class_names); i++)
			if (strcmp(word, class_names[i].name) == 0)
				break;
		if (i == ARRAY_SIZE(class_names))
			goto bad;
		bits |= class_names[i].bits;
		if (p[len] == '\0')
			break;
		p += len + 1;
	}
	*classes = bits;
	return 0;
bad:
	snprintf(
		err, errsize,
		"-e: unknown event class in '%s' (known: process, signal, creds, ns, vma, plt, all)",
		list);
	return -1;
}

/* ---- setters of the rows that do more than store a flag or a string ---- */

static int option_set_events(struct options *o, const char *arg, char *err,
			     size_t errsize)
{
	const char *list;

	if (strace_opts_expr(o, arg, &list, err, errsize) < 0)
		return -1;
	if (!list) /* signal=SET: the classes stay as they are */
		return 0;
	if (options_parse_classes(list, &o->trace.classes, err, errsize) < 0)
		return -1;
	o->classes_asked = o->trace.classes;
	return 0;
}

static int option_set_strsize(struct options *o, const char *arg, char *err,
			      size_t errsize)
{
	char *end;
	long v = strtol(arg, &end, 10);

	if (*arg == '\0' || *end || v < -1 || v > INT_MAX) {
		snprintf(err, errsize, "-s: invalid size '%s'", arg);
		return -1;
	}
	o->strsize = (int)v;
	return 0;
}

static int option_set_pids(struct options *o, const char *arg, char *err,
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
			snprintf(err, errsize, "-p: invalid process id '%s'",
				 arg);
			return -1;
		}
		grown = realloc(o->trace.pids,
				(o->trace.n_pids + 1) * sizeof(*o->trace.pids));
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

/* Each -t: seconds, -tt microseconds, -ttt epoch seconds (strace). */
static const enum text_ts options_more_t[] = {
	[TEXT_TS_NONE] = TEXT_TS_TIME,
	[TEXT_TS_TIME] = TEXT_TS_TIME_US,
	[TEXT_TS_TIME_US] = TEXT_TS_EPOCH_US,
	[TEXT_TS_EPOCH_US] = TEXT_TS_EPOCH_US,
	[TEXT_TS_RELATIVE] = TEXT_TS_TIME,
};

static int option_set_more_t(struct options *o, const char *arg, char *err,
			     size_t errsize)
{
	(void)arg, (void)err, (void)errsize;
	o->ts = options_more_t[o->ts];
	return 0;
}

static int option_set_relative(struct options *o, const char *arg, char *err,
			       size_t errsize)
{
	(void)arg, (void)err, (void)errsize;
	o->ts = TEXT_TS_RELATIVE;
	return 0;
}

static int option_set_plt(struct options *o, const char *arg, char *err,
			  size_t errsize)
{
	if (!arg || strcmp(arg, "main") == 0) {
		o->trace.plt = PLT_MAIN;
	} else if (strcmp(arg, "all") == 0) {
		o->trace.plt = PLT_ALL;
	} else {
		snprintf(err, errsize, "--plt: expected main or all, not '%s'",
			 arg);
		return -1;
	}
	o->trace.classes |= EVC_PLT;
	return 0;
}

static int option_set_summary(struct options *o, const char *arg, char *err,
			      size_t errsize)
{
	if (arg && strcmp(arg, "full") != 0) {
		snprintf(err, errsize, "--summary: expected full, not '%s'",
			 arg);
		return -1;
	}
	o->summary = true;
	o->summary_full = arg != NULL;
	return 0;
}

static int option_set_user(struct options *o, const char *arg, char *err,
			   size_t errsize)
{
	free(o->trace.run_groups); /* a second -u replaces the first */
	o->trace.run_groups = NULL;
	return launch_creds_lookup(&o->trace, arg, err, errsize);
}

static int option_set_env_edit(struct options *o, const char *arg, char *err,
			       size_t errsize)
{
	if (*arg == '\0' || *arg == '=') {
		snprintf(err, errsize, "-E: expected VAR=VAL or VAR, not '%s'",
			 arg);
		return -1;
	}
	if (launch_env_add(&o->trace, arg) < 0) {
		snprintf(err, errsize, "out of memory");
		return -1;
	}
	return 0;
}

static int option_set_break(struct options *o, const char *arg, char *err,
			    size_t errsize)
{
	struct break_spec *grown;
	char why[256];

	grown = realloc(o->trace.breaks,
			(o->trace.n_breaks + 1) * sizeof(*o->trace.breaks));
	if (!grown) {
		snprintf(err, errsize, "out of memory");
		return -1;
	}
	o->trace.breaks = grown;
	if (decode_break_parse(arg, &grown[o->trace.n_breaks], why,
			       sizeof(why)) < 0) {
		snprintf(err, errsize, "--break: %s", why);
		return -1;
	}
	o->trace.n_breaks++;
	return 0;
}

static int option_set_zombie_ms(struct options *o, const char *arg, char *err,
				size_t errsize)
{
	long v;

	if (decode_parse_int(arg, 0, 86400000, &v) < 0) {
		snprintf(err, errsize, "--zombie-ms: invalid time '%s'", arg);
		return -1;
	}
	o->trace.zombie_ms = (unsigned)v;
	return 0;
}

/* ---- the table ---- */

enum option_kind {
	OPTION_FLAG, /* sets the bool at offset */
	OPTION_STRING, /* stores the argument in the const char * at offset */
	OPTION_CALL, /* set() parses the argument */
	OPTION_HELP, /* prints the command's --help */
	OPTION_VERSION, /* prints the version */
};

typedef int (*option_setter)(struct options *o, const char *arg, char *err,
			     size_t errsize);

struct option_row {
	const char *name; /* long name without "--", or NULL */
	char letter; /* short letter, or 0 */
	int arg; /* no_argument, required_argument, optional_argument */
	const char *arg_name; /* the argument in --help */
	unsigned commands; /* the enum options_command bits accepting it */
	enum option_kind kind;
	size_t offset; /* OPTION_FLAG, OPTION_STRING: the field */
	option_setter set; /* OPTION_CALL */
	const char *help; /* lines of --help, '\n' between them */
};

#define FIELD(f) .offset = offsetof(struct options, f)

static const struct option_row option_table[] = {
	{ .name = "output",
	  .letter = 'o',
	  .arg = required_argument,
	  .arg_name = "FILE",
	  .commands = OPT_ALL,
	  .kind = OPTION_STRING,
	  FIELD(text_path),
	  .help = "output to FILE instead of stderr (replay and\n"
		  "export: instead of stdout)" },
	{ .name = "json",
	  .arg = required_argument,
	  .arg_name = "FILE",
	  .commands = OPTIONS_TRACE,
	  .kind = OPTION_STRING,
	  FIELD(json_path),
	  .help = "JSON Lines event log, '-' for stdout\n"
		  "(with --json and no -o, no text is written)" },
	{ .name = "events",
	  .letter = 'e',
	  .arg = required_argument,
	  .arg_name = "L",
	  .commands = OPTIONS_TRACE,
	  .kind = OPTION_CALL,
	  .set = option_set_events,
	  .help = "classes: process,signal,creds,ns,job,cgroup,vma,plt,all\n"
		  "(default process,signal,creds,ns,job,cgroup); strace's\n"
		  "trace=L, trace=%process, signal=[!]SET too" },
	{ .letter = 's',
	  .arg = required_argument,
	  .arg_name = "N",
	  .commands = OPT_TEXT,
	  .kind = OPTION_CALL,
	  .set = option_set_strsize,
	  .help = "show at most N bytes of each string (default 32,\n"
		  "-1: all); text: at most N argv elements too" },
	{ .letter = 'f',
	  .commands = OPTIONS_TRACE,
	  .kind = OPTION_CALL,
	  .set = strace_opts_set_follow,
	  .help = "accepted for strace's sake: proctrace always\n"
		  "follows; -ff -o PREFIX: text in PREFIX.TID per task" },
	{ .letter = 'T',
	  .commands = OPT_TEXT,
	  .kind = OPTION_FLAG,
	  FIELD(lifetimes),
	  .help = "end each exit line with the task's lifetime\n"
		  "(seconds, microseconds)" },
	{ .letter = 'q',
	  .commands = OPT_TEXT,
	  .kind = OPTION_CALL,
	  .set = strace_opts_set_quiet,
	  .help = "no attached/detached lines; -qq: nor exit lines\n"
		  "of tasks not seen start" },
	{ .name = "env",
	  .commands = OPTIONS_TRACE,
	  .kind = OPTION_FLAG,
	  FIELD(trace.env),
	  .help = "include the environment in exec events" },
	{ .name = "exec-context",
	  .commands = OPT_TEXT,
	  .kind = OPTION_FLAG,
	  FIELD(exec_context),
	  .help = "text: under each exec its cwd, #! line, env\n"
		  "diff, fds (new or inherited) and fds closed on exec" },
	{ .name = "show-cmdline",
	  .commands = OPT_TEXT,
	  .kind = OPTION_FLAG,
	  FIELD(show_cmdline),
	  .help = "text: under each exec a shell command line\n"
		  "that reproduces it" },
	{ .letter = 't',
	  .commands = OPT_TEXT,
	  .kind = OPTION_CALL,
	  .set = option_set_more_t,
	  .help = "timestamps: time of day; -tt with microseconds,\n"
		  "-ttt seconds.microseconds since the epoch" },
	{ .letter = 'r',
	  .commands = OPT_TEXT,
	  .kind = OPTION_CALL,
	  .set = option_set_relative,
	  .help = "timestamps: seconds since the previous event" },
	{ .name = "summary",
	  .arg = optional_argument,
	  .arg_name = "full",
	  .commands = OPT_TEXT,
	  .kind = OPTION_CALL,
	  .set = option_set_summary,
	  .help = "summary at the end: totals, commands, signals,\n"
		  "critical path, processes (first 50; full: all)" },
	{ .name = "summary-json",
	  .arg = required_argument,
	  .arg_name = "FILE",
	  .commands = OPT_TEXT,
	  .kind = OPTION_STRING,
	  FIELD(summary_json),
	  .help = "the summary as one JSON object in FILE ('-': stdout)" },
	{ .letter = 'p',
	  .arg = required_argument,
	  .arg_name = "PID[,PID]",
	  .commands = OPTIONS_TRACE,
	  .kind = OPTION_CALL,
	  .set = option_set_pids,
	  .help = "attach to running processes (all their threads)" },
	{ .name = "tree",
	  .commands = OPTIONS_TRACE,
	  .kind = OPTION_FLAG,
	  FIELD(trace.tree),
	  .help = "with -p: also attach every existing descendant" },
	{ .name = "no-seccomp",
	  .commands = OPTIONS_TRACE,
	  .kind = OPTION_FLAG,
	  FIELD(trace.no_seccomp),
	  .help = "launch without the seccomp filter: no syscall\n"
		  "stops; reaps and sends are inferred" },
	{ .name = "exact",
	  .commands = OPTIONS_TRACE,
	  .kind = OPTION_FLAG,
	  FIELD(trace.exact),
	  .help = "stop at every syscall for exact events (slow)" },
	{ .name = "stack",
	  .commands = OPTIONS_TRACE,
	  .kind = OPTION_FLAG,
	  FIELD(trace.stack),
	  .help = "stack trace of the thread at each event" },
	{ .name = "plt",
	  .arg = optional_argument,
	  .arg_name = "main|all",
	  .commands = OPTIONS_TRACE,
	  .kind = OPTION_CALL,
	  .set = option_set_plt,
	  .help = "trace library calls through the PLT (default main)" },
	{ .name = "plt-filter",
	  .arg = required_argument,
	  .arg_name = "G",
	  .commands = OPTIONS_TRACE,
	  .kind = OPTION_STRING,
	  FIELD(trace.plt_filter),
	  .help = "only symbols matching the globs G[,G...]" },
	{ .name = "sample-state",
	  .commands = OPTIONS_TRACE,
	  .kind = OPTION_FLAG,
	  FIELD(trace.sample_state),
	  .help = "log each task's /proc state letter as it changes\n"
		  "(state events, sampled ten times a second)" },
	{ .name = "user",
	  .letter = 'u',
	  .arg = required_argument,
	  .arg_name = "USER",
	  .commands = OPTIONS_TRACE,
	  .kind = OPTION_CALL,
	  .set = option_set_user,
	  .help = "run the command as USER: its uid, gid and groups\n"
		  "(needs root; proctrace keeps its own)" },
	{ .letter = 'E',
	  .arg = required_argument,
	  .arg_name = "VAR[=VAL]",
	  .commands = OPTIONS_TRACE,
	  .kind = OPTION_CALL,
	  .set = option_set_env_edit,
	  .help = "set VAR=VAL, or remove VAR, in the command's\n"
		  "environment (repeatable, applied in order)" },
	{ .name = "daemonize",
	  .letter = 'D',
	  .commands = OPTIONS_TRACE,
	  .kind = OPTION_CALL,
	  .set = strace_opts_set_daemonize,
	  .help = "the tracer runs as a detached grandchild: the\n"
		  "command keeps proctrace's pid and parent" },
	{ .name = "break",
	  .arg = required_argument,
	  .arg_name = "SPEC",
	  .commands = OPTIONS_TRACE,
	  .kind = OPTION_CALL,
	  .set = option_set_break,
	  .help = "hold a task at an event (repeatable): exec:GLOB,\n"
		  "clone[:PID], fork[:PID], signal:NAME, exit, zombie;\n"
		  "kill -CONT PID releases it" },
	{ .name = "on-break",
	  .arg = required_argument,
	  .arg_name = "CMD",
	  .commands = OPTIONS_TRACE,
	  .kind = OPTION_STRING,
	  FIELD(trace.on_break),
	  .help = "at a hit, detach the task stopped and run CMD\n"
		  "({pid}: its pid) while the trace goes on; implies\n"
		  "--no-seccomp" },
	{ .name = "zombie-ms",
	  .arg = required_argument,
	  .arg_name = "MS",
	  .commands = OPTIONS_TRACE,
	  .kind = OPTION_CALL,
	  .set = option_set_zombie_ms,
	  .help = "--break zombie: a child unreaped this long\n"
		  "(default 1000)" },
	{ .name = "tui",
	  .commands = OPT_TEXT,
	  .kind = OPTION_FLAG,
	  FIELD(tui),
	  .help = "the process tree in the terminal: live, or replayed" },
	{ .name = "tree",
	  .commands = OPTIONS_REPLAY,
	  .kind = OPTION_FLAG,
	  FIELD(tree),
	  .help = "print the whole process tree once, like pstree -a -p,\n"
		  "with exit status, lifetime and zombie time" },
	{ .name = "ascii",
	  .commands = OPTIONS_REPLAY,
	  .kind = OPTION_FLAG,
	  FIELD(ascii),
	  .help = "--tree draws with |- `- | instead of line glyphs" },
	{ .name = "text",
	  .commands = OPTIONS_REPLAY,
	  .kind = OPTION_FLAG,
	  FIELD(text),
	  .help = "text even when stdin and stdout are terminals" },
	{ .name = "tty-out",
	  .arg = required_argument,
	  .arg_name = "FILE",
	  .commands = OPTIONS_TRACE,
	  .kind = OPTION_STRING,
	  FIELD(tty_out),
	  .help = "with --tui: a copy of the tracee's output in FILE;\n"
		  "--no-pty: its output (default proctrace-PID.tty in\n"
		  "$XDG_RUNTIME_DIR, else $TMPDIR, else /tmp)" },
	{ .name = "no-pty",
	  .commands = OPTIONS_TRACE,
	  .kind = OPTION_FLAG,
	  FIELD(no_pty),
	  .help = "with --tui: no terminal pane; the command's stdin\n"
		  "is /dev/null, its output goes to the --tty-out file" },
	{ .name = "debugger",
	  .arg = required_argument,
	  .arg_name = "CMD",
	  .commands = OPTIONS_TRACE,
	  .kind = OPTION_STRING,
	  FIELD(debugger),
	  .help = "with --tui: the break banner's g hands the task to\n"
		  "CMD in the pane ({pid}: its pid; default gdb -p {pid})" },
	{ .name = "no-color",
	  .commands = OPT_TEXT,
	  .kind = OPTION_FLAG,
	  FIELD(no_color),
	  .help = "no colors in the TUI (also: NO_COLOR set)" },
	{ .name = "perfetto",
	  .arg = required_argument,
	  .arg_name = "LOG",
	  .commands = OPTIONS_EXPORT,
	  .kind = OPTION_STRING,
	  FIELD(log_path),
	  .help = "Chrome trace-event JSON of LOG, for ui.perfetto.dev" },
	{ .name = "pftrace",
	  .arg = required_argument,
	  .arg_name = "LOG",
	  .commands = OPTIONS_EXPORT,
	  .kind = OPTION_STRING,
	  FIELD(pftrace_log),
	  .help = "Perfetto's native protobuf trace of LOG" },
	{ .name = "help",
	  .letter = 'h',
	  .commands = OPT_ALL,
	  .kind = OPTION_HELP,
	  .help = "this text" },
	{ .name = "version",
	  .letter = 'V',
	  .commands = OPTIONS_TRACE,
	  .kind = OPTION_VERSION,
	  .help = "print the version" },
};

/* What differs between the three command lines. */
static const struct options_command_desc {
	enum options_command cmd;
	const char *prefix; /* of each error message */
	const char *getopt_mode; /* "+": the options end at CMD */
	const char *unknown; /* an unknown option is a... */
	const char *hint; /* ...and then what to do */
	const char *usage; /* --help: before the options */
	const char *epilogue; /* --help: after them */
	int (*finish)(struct options *o, int n, char **words, char *err,
		      size_t errsize);
} command_descs[] = {
	{ .cmd = OPTIONS_TRACE,
	  .prefix = "",
	  .getopt_mode = "+",
	  .unknown = "unknown option",
	  .hint = "(try --help)",
	  .usage = "usage: proctrace [options] -- CMD [ARGS...]\n"
		   "       proctrace [options] -p PID[,PID...] [--tree]\n"
		   "       proctrace replay [options] LOG\n"
		   "       proctrace export --perfetto LOG [-o OUT]\n"
		   "       proctrace export --pftrace LOG [-o OUT]\n"
		   "\n",
	  .epilogue =
		  "\n"
		  "  replay re-reads a saved --json log, export converts it\n"
		  "  for Perfetto: proctrace replay --help, proctrace export --help\n",
	  .finish = options_finish_trace },
	{ .cmd = OPTIONS_REPLAY,
	  .prefix = "replay: ",
	  .getopt_mode = "",
	  .unknown = "unknown option",
	  .hint = "(try replay --help)",
	  .usage =
		  "usage: proctrace replay [options] LOG\n"
		  "  re-read a JSON event log written with --json ('-': stdin);\n"
		  "  text (as a live run prints it) when stdout is not a\n"
		  "  terminal or with --text, else the terminal UI\n"
		  "\n",
	  .epilogue = "",
	  .finish = options_finish_replay },
	{ .cmd = OPTIONS_EXPORT,
	  .prefix = "export: ",
	  .getopt_mode = "",
	  .unknown = "unexpected argument",
	  .hint = EXPORT_USAGE,
	  .usage = "usage: proctrace export --perfetto LOG [-o OUT]\n"
		   "  Chrome trace-event JSON for ui.perfetto.dev or\n"
		   "  chrome://tracing (stdout unless -o)\n"
		   "       proctrace export --pftrace LOG [-o OUT]\n"
		   "  Perfetto's protobuf trace, for ui.perfetto.dev\n"
		   "\n",
	  .epilogue = "",
	  .finish = options_finish_export },
};

/* ---- --help, the getopt arrays and the parse: all from the table ---- */

/* The column where the help text starts. */
#define HELP_COLUMN 21

static void option_print_help_row(FILE *out, const struct option_row *r)
{
	int n = fprintf(out, "  ");
	const char *h = r->help;

	if (r->letter)
		n += fprintf(out, "-%c", r->letter);
	if (r->name)
		n += fprintf(out, "%s--%s", r->letter ? ", " : "", r->name);
	if (r->arg == required_argument)
		n += fprintf(out, " %s", r->arg_name);
	else if (r->arg == optional_argument)
		n += fprintf(out, "[=%s]", r->arg_name);
	if (n >= HELP_COLUMN - 1) {
		putc('\n', out);
		n = 0;
	}
	for (;;) {
		size_t len = strcspn(h, "\n");

		fprintf(out, "%*s%.*s\n", HELP_COLUMN - n, "", (int)len, h);
		n = 0;
		if (h[len] == '\0')
			break;
		h += len + 1;
	}
}

static void options_print_help(FILE *out, const struct options_command_desc *d)
{
	fputs(d->usage, out);
	for (size_t i = 0; i < ARRAY_SIZE(option_table); i++)
		if (option_table[i].commands & d->cmd)
			option_print_help_row(out, &option_table[i]);
	fputs(d->epilogue, out);
}

/* getopt_long's value for a row: its letter, else one past every char. */
static int option_getopt_val(size_t row)
{
	return option_table[row].letter ? option_table[row].letter :
					  OPTION_LONG_VAL + (int)row;
}

/* getopt_long's arrays of the rows d accepts; longs ends in a zero row. */
static void options_getopt_arrays(const struct options_command_desc *d,
				  struct option *longs, char *shorts)
{
	size_t nl = 0, ns = 0;

	for (const char *m = d->getopt_mode; *m; m++)
		shorts[ns++] = *m;
	for (size_t i = 0; i < ARRAY_SIZE(option_table); i++) {
		const struct option_row *r = &option_table[i];

		if (!(r->commands & d->cmd))
			continue;
		if (r->name)
			longs[nl++] = (struct option){ r->name, r->arg, NULL,
						       option_getopt_val(i) };
		if (!r->letter)
			continue;
		shorts[ns++] = r->letter;
		if (r->arg != no_argument)
			shorts[ns++] = ':';
		if (r->arg == optional_argument)
			shorts[ns++] = ':';
	}
	longs[nl] = (struct option){ NULL, 0, NULL, 0 };
	shorts[ns] = '\0';
}

static const struct option_row *option_row_of(int val)
{
	for (size_t i = 0; i < ARRAY_SIZE(option_table); i++)
		if (option_getopt_val(i) == val)
			return &option_table[i];
	return NULL;
}

/*
 * One option as getopt_long returned it: 0, 1 (help or version printed),
 * -1 with the message in err.
 */
static int option_take(const struct options_command_desc *d, int val,
		       char **argv, struct options *o, char *err,
		       size_t errsize)
{
	const struct option_row *r = option_row_of(val);
	char *field;

	if (!r) {
		char letter[3] = { '-', (char)optopt, '\0' };
		const char *word = optopt && optopt < OPTION_LONG_VAL ?
					   letter :
					   argv[optind - 1];
		const char *strace_msg = strace_opts_unsupported(
			optopt < OPTION_LONG_VAL ? optopt : 0, word);

		if (strace_msg && d->cmd != OPTIONS_EXPORT)
			snprintf(err, errsize, "%s", strace_msg);
		else
			snprintf(err, errsize, "%s '%s' %s", d->unknown, word,
				 d->hint);
		return -1;
	}
	field = (char *)o + r->offset;
	switch (r->kind) {
	case OPTION_FLAG:
		*(bool *)field = true;
		return 0;
	case OPTION_STRING:
		*(const char **)field = optarg;
		return 0;
	case OPTION_CALL:
		return r->set(o, optarg, err, errsize);
	case OPTION_HELP:
		options_print_help(stdout, d);
		return 1;
	case OPTION_VERSION:
		printf("proctrace %s\n", PACKAGE_VERSION);
		return 1;
	}
	return 0;
}

int options_parse(enum options_command cmd, int argc, char **argv,
		  struct options *o, char *err, size_t errsize)
{
	const struct options_command_desc *d = NULL;
	struct option longs[ARRAY_SIZE(option_table) + 1];
	char shorts[2 + 3 * ARRAY_SIZE(option_table) + 1];
	char why[512];
	int val, rc = 0;

	memset(o, 0, sizeof(*o));
	o->trace.classes = DEFAULT_CLASSES;
	o->strsize = 32;
	o->trace.zombie_ms = 1000;
	for (size_t i = 0; i < ARRAY_SIZE(command_descs); i++)
		if (command_descs[i].cmd == cmd)
			d = &command_descs[i];
	if (!d) {
		snprintf(err, errsize, "no such command line");
		return -1;
	}
	options_getopt_arrays(d, longs, shorts);
	opterr = 0;
	optind = 0; /* 0: glibc starts over, permutation state included */
	while (rc == 0 &&
	       (val = getopt_long(argc, argv, shorts, longs, NULL)) != -1)
		rc = option_take(d, val, argv, o, why, sizeof(why));
	if (rc == 0)
		rc = d->finish(o, argc - optind, argv + optind, why,
			       sizeof(why));
	if (rc < 0)
		snprintf(err, errsize, "%s%s", d->prefix, why);
	if (getenv("NO_COLOR") && *getenv("NO_COLOR"))
		o->no_color = true;
	return rc;
}

void options_free(struct options *o)
{
	free(o->trace.pids);
	o->trace.pids = NULL;
	free(o->trace.run_groups);
	o->trace.run_groups = NULL;
	free(o->trace.env_edits);
	o->trace.env_edits = NULL;
	free(o->trace.breaks);
	o->trace.breaks = NULL;
	o->trace.n_breaks = 0;
}

int options_parse_subcommand(enum options_command cmd, int argc, char **argv,
			     struct options *o)
{
	char err[512];
	int rc = options_parse(cmd, argc, argv, o, err, sizeof(err));

	options_free(o); /* no -p in a sub-command: nothing is held */
	if (rc < 0)
		fprintf(stderr, "proctrace: %s\n", err);
	return rc;
}
