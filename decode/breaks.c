/* breaks.c - --break specs: parse "exec:GLOB", "clone[:PID]", "fork[:PID]", "signal:NAME", "exit", "zombie", and match them. */
#include "config.h"

#include <fnmatch.h>
#include <stdio.h>
#include <string.h>

#include "decode/breaks.h"
#include "decode/decode.h"

/* The spelling of each kind, as the spec and the break event's "on" say. */
static const struct {
	const char *name;
	enum break_arg arg;
} break_kinds[BRK_KIND_COUNT] = {
	[BRK_EXEC] = { "exec", BRK_ARG_GLOB },
	[BRK_CLONE] = { "clone", BRK_ARG_PID },
	[BRK_FORK] = { "fork", BRK_ARG_PID },
	[BRK_SIGNAL] = { "signal", BRK_ARG_SIGNAL },
	[BRK_EXIT] = { "exit", BRK_ARG_NONE },
	[BRK_ZOMBIE] = { "zombie", BRK_ARG_NONE },
};

const char *decode_break_kind_name(int kind)
{
	return (unsigned)kind < BRK_KIND_COUNT ? break_kinds[kind].name : NULL;
}

static int break_kind_of(const char *s, size_t len)
{
	for (int k = 0; k < BRK_KIND_COUNT; k++)
		if (strlen(break_kinds[k].name) == len &&
		    strncmp(break_kinds[k].name, s, len) == 0)
			return k;
	return -1;
}

/* "SEGV" and "segv" name SIGSEGV too, as kill(1) takes them. */
static int break_signal(const char *name)
{
	char up[32];
	size_t i, off = 0;

	if (strncmp(name, "SIG", 3) != 0 && strncmp(name, "sig", 3) != 0) {
		memcpy(up, "SIG", 3);
		off = 3;
	}
	for (i = 0; name[i] && off + i < sizeof(up) - 1; i++)
		up[off + i] = (name[i] >= 'a' && name[i] <= 'z') ?
				      (char)(name[i] - 'a' + 'A') :
				      name[i];
	if (name[i])
		return -1;
	up[off + i] = '\0';
	return decode_signal_number(up);
}

int decode_break_parse(const char *spec, struct break_spec *out, char *err,
		       size_t err_size)
{
	const char *colon = strchr(spec, ':');
	size_t len = colon ? (size_t)(colon - spec) : strlen(spec);
	const char *arg = colon ? colon + 1 : NULL;
	int kind = break_kind_of(spec, len);
	long pid;

	memset(out, 0, sizeof(*out));
	out->spec = spec;
	if (kind < 0) {
		snprintf(
			err, err_size,
			"unknown breakpoint '%s' (exec:GLOB, clone[:PID], fork[:PID], signal:NAME, exit, zombie)",
			spec);
		return -1;
	}
	out->kind = (enum break_kind)kind;
	switch (break_kinds[kind].arg) {
	case BRK_ARG_GLOB:
		if (!arg || !*arg) {
			snprintf(
				err, err_size,
				"breakpoint '%s': exec needs a pattern (exec:GLOB)",
				spec);
			return -1;
		}
		out->glob = arg;
		return 0;
	case BRK_ARG_PID:
		if (!arg)
			return 0;
		if (decode_parse_int(arg, 1, 0x7fffffff, &pid) < 0) {
			snprintf(err, err_size,
				 "breakpoint '%s': '%s' is not a pid", spec,
				 arg);
			return -1;
		}
		out->pid = (int)pid;
		return 0;
	case BRK_ARG_SIGNAL:
		out->sig = arg && *arg ? break_signal(arg) : -1;
		if (out->sig <= 0) {
			snprintf(
				err, err_size, "breakpoint '%s': %s", spec,
				arg && *arg ?
					"unknown signal" :
					"signal needs a name (signal:SIGSEGV)");
			return -1;
		}
		return 0;
	case BRK_ARG_NONE:
		if (arg) {
			snprintf(err, err_size,
				 "breakpoint '%s': %s takes no argument", spec,
				 break_kinds[kind].name);
			return -1;
		}
		return 0;
	}
	return -1;
}

/* The pattern against the whole name, then against its last component. */
static bool break_glob(const char *glob, const char *name)
{
	const char *slash;

	if (!name || !*name)
		return false;
	if (fnmatch(glob, name, 0) == 0)
		return true;
	slash = strrchr(name, '/');
	return slash && fnmatch(glob, slash + 1, 0) == 0;
}

bool decode_break_match_exec(const struct break_spec *b, const char *filename,
			     const char *argv0)
{
	return b->kind == BRK_EXEC &&
	       (break_glob(b->glob, filename) || break_glob(b->glob, argv0));
}

bool decode_break_match_clone(const struct break_spec *b, bool thread,
			      int parent_pid)
{
	if (b->kind != BRK_CLONE && !(b->kind == BRK_FORK && !thread))
		return false;
	return b->pid == 0 || b->pid == parent_pid;
}

bool decode_break_match_signal(const struct break_spec *b, int sig)
{
	return b->kind == BRK_SIGNAL && b->sig == sig;
}
