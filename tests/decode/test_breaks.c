/* tests/decode/test_breaks.c - table-driven tests of the --break spec parser and matchers. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "decode/breaks.h"
#include "tests/decode/check.h"

/* A parsed spec as one string: "kind glob pid sig", or "error: ...". */
static const struct {
	const char *spec;
	const char *want;
} parse_cases[] = {
	{ "exec:sleep", "exec sleep 0 0" },
	{ "exec:/usr/bin/*", "exec /usr/bin/* 0 0" },
	{ "exec:a:b", "exec a:b 0 0" },
	{ "clone", "clone - 0 0" },
	{ "clone:42", "clone - 42 0" },
	{ "fork", "fork - 0 0" },
	{ "fork:7", "fork - 7 0" },
	{ "signal:SIGSEGV", "signal - 0 11" },
	{ "signal:SEGV", "signal - 0 11" },
	{ "signal:segv", "signal - 0 11" },
	{ "signal:SIGRTMIN+2", "signal - 0 34" },
	{ "exit", "exit - 0 0" },
	{ "zombie", "zombie - 0 0" },
	{ "nonsense",
	  "error: unknown breakpoint 'nonsense' (exec:GLOB, clone[:PID], fork[:PID], signal:NAME, exit, zombie)" },
	{ "", "error: unknown breakpoint '' (exec:GLOB, clone[:PID], fork[:PID], signal:NAME, exit, zombie)" },
	{ "execx:a", "error: unknown breakpoint 'execx:a' (exec:GLOB, clone[:PID], fork[:PID], signal:NAME, exit, zombie)" },
	{ "exec", "error: breakpoint 'exec': exec needs a pattern (exec:GLOB)" },
	{ "exec:", "error: breakpoint 'exec:': exec needs a pattern (exec:GLOB)" },
	{ "signal:SIGFOO", "error: breakpoint 'signal:SIGFOO': unknown signal" },
	{ "signal:", "error: breakpoint 'signal:': signal needs a name (signal:SIGSEGV)" },
	{ "signal:0", "error: breakpoint 'signal:0': unknown signal" },
	{ "clone:x", "error: breakpoint 'clone:x': 'x' is not a pid" },
	{ "fork:0", "error: breakpoint 'fork:0': '0' is not a pid" },
	{ "fork:-1", "error: breakpoint 'fork:-1': '-1' is not a pid" },
	{ "exit:3", "error: breakpoint 'exit:3': exit takes no argument" },
	{ "zombie:", "error: breakpoint 'zombie:': zombie takes no argument" },
};

static void check_parse(const char *spec, const char *want)
{
	struct break_spec b;
	char err[256], got[512];

	if (decode_break_parse(spec, &b, err, sizeof(err)) < 0)
		snprintf(got, sizeof(got), "error: %s", err);
	else
		snprintf(got, sizeof(got), "%s %s %d %d",
			 decode_break_kind_name((int)b.kind),
			 b.glob ? b.glob : "-", b.pid, b.sig);
	check(spec, got, want);
}

static const struct {
	const char *spec, *filename, *argv0;
	bool want;
} exec_cases[] = {
	{ "exec:sleep", "/usr/bin/sleep", "sleep", true },
	{ "exec:sleep", "/usr/bin/sleep", NULL, true }, /* basename */
	{ "exec:sleep", "/bin/busybox", "sleep", true }, /* argv[0] */
	{ "exec:sleep", "/usr/bin/sleepy", "sleepy", false },
	{ "exec:sl*", "/usr/bin/sleep", "x", true },
	{ "exec:/usr/bin/*", "/usr/bin/true", "true", true },
	{ "exec:/usr/*", "/bin/true", "true", false },
	{ "exec:true", NULL, NULL, false },
	{ "exec:true", "", "", false },
	{ "exec:*", "/usr/bin/env", NULL, true },
};

static const struct {
	const char *spec;
	bool thread;
	int parent;
	bool want;
} clone_cases[] = {
	{ "clone", false, 5, true },  { "clone", true, 5, true },
	{ "fork", false, 5, true },   { "fork", true, 5, false },
	{ "fork:5", false, 5, true }, { "fork:5", false, 6, false },
	{ "clone:9", true, 9, true }, { "clone:9", true, 8, false },
	{ "exit", false, 5, false },  { "signal:SIGINT", false, 5, false },
};

int main(void)
{
	struct break_spec b;
	char err[256];

	for (size_t i = 0; i < sizeof(parse_cases) / sizeof(parse_cases[0]);
	     i++)
		check_parse(parse_cases[i].spec, parse_cases[i].want);
	for (size_t i = 0; i < sizeof(exec_cases) / sizeof(exec_cases[0]);
	     i++) {
		decode_break_parse(exec_cases[i].spec, &b, err, sizeof(err));
		check(exec_cases[i].spec,
		      decode_break_match_exec(&b, exec_cases[i].filename,
					      exec_cases[i].argv0) ?
			      "match" :
			      "no",
		      exec_cases[i].want ? "match" : "no");
	}
	for (size_t i = 0; i < sizeof(clone_cases) / sizeof(clone_cases[0]);
	     i++) {
		decode_break_parse(clone_cases[i].spec, &b, err, sizeof(err));
		check(clone_cases[i].spec,
		      decode_break_match_clone(&b, clone_cases[i].thread,
					       clone_cases[i].parent) ?
			      "match" :
			      "no",
		      clone_cases[i].want ? "match" : "no");
	}
	decode_break_parse("signal:SIGSEGV", &b, err, sizeof(err));
	check("signal 11", decode_break_match_signal(&b, 11) ? "y" : "n", "y");
	check("signal 6", decode_break_match_signal(&b, 6) ? "y" : "n", "n");
	check("kind 99", decode_break_kind_name(99), "(null)");
	return check_report();
}
