/* options_finish.c - what must hold once every option of a command line is read. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "event/event.h"
#include "cli/options.h"
#include "cli/options_finish.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ---- what must hold once every option is read ---- */

static bool opt_cmd_and_pids(const struct options *o)
{
	return o->trace.cmd && o->trace.n_pids;
}

static bool opt_nothing_to_trace(const struct options *o)
{
	return !o->trace.cmd && !o->trace.n_pids;
}

static bool opt_tree_no_pids(const struct options *o)
{
	return o->trace.tree && !o->trace.n_pids;
}

static bool opt_no_seccomp_attach(const struct options *o)
{
	return o->trace.n_pids && o->trace.no_seccomp;
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

static bool opt_pty_no_tui(const struct options *o)
{
	return (o->no_pty || o->debugger) && !o->tui;
}

static bool opt_pty_attach(const struct options *o)
{
	return o->no_pty && o->trace.n_pids;
}

static bool opt_ff_to_stdout(const struct options *o)
{
	return o->follow > 1 && o->text_path && strcmp(o->text_path, "-") == 0;
}

static bool is_stdout(const char *path)
{
	return path && strcmp(path, "-") == 0;
}

/* One JSON object in a JSON Lines log or in the text would spoil both. */
static bool opt_summary_json_shared(const struct options *o)
{
	const char *s = o->summary_json;

	return s && ((is_stdout(s) &&
		      (is_stdout(o->json_path) || is_stdout(o->text_path))) ||
		     (o->json_path && strcmp(s, o->json_path) == 0) ||
		     (o->text_path && strcmp(s, o->text_path) == 0));
}

static bool opt_user_not_root(const struct options *o)
{
	return o->trace.run_as && geteuid() != 0;
}

static bool opt_launch_only_attach(const struct options *o)
{
	return o->trace.n_pids &&
	       (o->trace.run_as || o->trace.n_env_edits || o->trace.daemonize);
}

static bool opt_daemonize_tui(const struct options *o)
{
	return o->trace.daemonize && o->tui;
}

/* Options that contradict each other or miss their partner: one row each, checked in order. */
static const struct {
	bool (*clash)(const struct options *o);
	const char *why;
} conflicts[] = {
	{ opt_cmd_and_pids, "give either a command or -p PID, not both" },
	{ opt_nothing_to_trace,
	  "nothing to trace: give -- CMD [ARGS...] or -p PID (try --help)" },
	{ opt_tree_no_pids, "--tree goes with -p" },
	{ opt_no_seccomp_attach,
	  "--no-seccomp is for a launched command; -p never uses a filter" },
	{ opt_exact_no_seccomp,
	  "--exact and --no-seccomp contradict: --exact stops at every syscall, --no-seccomp at none" },
	{ opt_tty_out_no_tui, "--tty-out goes with --tui" },
	{ opt_pty_no_tui, "--no-pty and --debugger go with --tui" },
	{ opt_pty_attach,
	  "--no-pty is for a launched command; -p has no terminal pane" },
	{ opt_ff_to_stdout,
	  "-ff -o PREFIX writes PREFIX.TID files: give a file name, not '-'" },
	{ opt_tty_out_attach,
	  "--tty-out is for a launched command; an attached process keeps its own output" },
	{ opt_launch_only_attach,
	  "-u, -E and -D are for a launched command, not for -p" },
	{ opt_user_not_root, "-u needs root to switch users" },
	{ opt_summary_json_shared,
	  "--summary-json needs a file of its own, not the --json log's or the text's" },
	{ opt_daemonize_tui,
	  "-D and --tui contradict: the UI needs the terminal the command keeps" },
};

static int options_conflict(const struct options *o, char *err, size_t errsize)
{
	for (size_t i = 0; i < ARRAY_SIZE(conflicts); i++) {
		if (conflicts[i].clash(o)) {
			snprintf(err, errsize, "%s", conflicts[i].why);
			return -1;
		}
	}
	return 0;
}

/*
 * Where a launched command's stdio goes under --tui --no-pty (with the
 * terminal pane: where a copy of its output goes): --tty-out FILE, else
 * proctrace-PID.tty (PID: ours) in the user's runtime directory, never in
 * the current one, which may be a source tree.
 */
static void options_tty_path(char *buf, size_t size, const struct options *o,
			     pid_t tracer)
{
	static const char *const dir_vars[] = { "XDG_RUNTIME_DIR", "TMPDIR" };
	const char *dir = "/tmp";

	if (o->tty_out) {
		snprintf(buf, size, "%s", o->tty_out);
		return;
	}
	for (size_t i = 0; i < ARRAY_SIZE(dir_vars); i++) {
		const char *v = getenv(dir_vars[i]);

		if (v && *v) {
			dir = v;
			break;
		}
	}
	snprintf(buf, size, "%s/proctrace-%d.tty", dir, (int)tracer);
}

/* proctrace: the words after the options are the command to launch. */
int options_finish_trace(struct options *o, int n, char **words, char *err,
			 size_t errsize)
{
	if (n > 0)
		o->trace.cmd = words;
	/* -e plt or --plt-filter alone mean the main executable's PLT. */
	if ((o->trace.plt_filter || (o->trace.classes & EVC_PLT)) &&
	    o->trace.plt == PLT_OFF) {
		o->trace.plt = PLT_MAIN;
		o->trace.classes |= EVC_PLT;
	}
	if (options_conflict(o, err, errsize) < 0)
		return -1;
	if (o->tui && o->trace.cmd) {
		options_tty_path(o->tty_path, sizeof(o->tty_path), o, getpid());
		o->trace.stdio_path = o->tty_path;
	}
	/*
	 * The UI's hand-off detaches a task mid-run, as --on-break does:
	 * under the filter its trapped syscalls would then fail (ENOSYS).
	 * So does --tui with --break: its banner offers the default debugger.
	 */
	if ((o->debugger || (o->tui && o->trace.n_breaks)) && o->trace.cmd &&
	    !o->trace.exact)
		o->trace.no_seccomp = true;
	return 0;
}

/* replay: exactly one word, the log. */
int options_finish_replay(struct options *o, int n, char **words, char *err,
			  size_t errsize)
{
	if (n == 0) {
		snprintf(err, errsize,
			 "no log given (usage: proctrace replay [--tui] FILE)");
		return -1;
	}
	if (n > 1) {
		snprintf(err, errsize, "one log at a time (got %s and %s)",
			 words[0], words[1]);
		return -1;
	}
	o->log_path = words[0];
	if (o->tui && o->text) {
		snprintf(err, errsize, "--tui or --text, not both");
		return -1;
	}
	/* replay's text goes to stdout unless -o says otherwise */
	if (opt_summary_json_shared(o) ||
	    (is_stdout(o->summary_json) && !o->text_path && !o->tui)) {
		snprintf(
			err, errsize,
			"--summary-json -: the text goes to stdout too; give -o FILE or a --summary-json FILE");
		return -1;
	}
	return 0;
}

/* export: no words; the log comes with its format, --perfetto or --pftrace LOG. */
int options_finish_export(struct options *o, int n, char **words, char *err,
			  size_t errsize)
{
	if (n > 0) {
		snprintf(err, errsize, "unexpected argument '%s' " EXPORT_USAGE,
			 words[0]);
		return -1;
	}
	if (o->log_path && o->pftrace_log) {
		snprintf(err, errsize, "--perfetto or --pftrace, not both");
		return -1;
	}
	if (o->pftrace_log)
		o->log_path = o->pftrace_log;
	if (!o->log_path) {
		snprintf(err, errsize, "which format? " EXPORT_USAGE);
		return -1;
	}
	return 0;
}
