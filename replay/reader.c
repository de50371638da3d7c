/* reader.c - the JSON log reader: open, lines, seq, warnings, limits; one line into one struct pt_event. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "replay/fields.h"

/* The longest line read: a log line is far shorter; /dev/zero is endless. */
#define REPLAY_LINE_MAX ((size_t)64 << 20)
#define REPLAY_WARN_MAX 2 /* a foreign tool, and a cut or endless log */
#define REPLAY_CHUNK ((size_t)64 << 10) /* read size of a file log */

struct replay_log {
	char name[256]; /* the path as given, for messages */
	FILE *in; /* NULL for a memory log */
	bool close_in;
	const char *src; /* unread input: the memory log, or chunk */
	size_t src_len, src_off;
	char *chunk; /* read buffer of a file log */
	char *line; /* the current line, NUL-terminated */
	size_t line_len, line_cap;
	long lineno;
	long long next_seq;
	bool done;
	bool ended; /* the end event was read: nothing may follow */
	json_tokener *tok;
	/* allocations owned by the current event, freed at the next line */
	void **arena;
	size_t n_arena, arena_cap;
	char err[512];
	char warn[REPLAY_WARN_MAX][320];
	size_t n_warn;
};

/* ---- the per-event arena ---- */

static void replay_arena_reset(struct replay_log *rl)
{
	for (size_t i = 0; i < rl->n_arena; i++)
		free(rl->arena[i]);
	rl->n_arena = 0;
}

void *replay_alloc(struct replay_log *rl, size_t size)
{
	void *p;

	if (rl->n_arena == rl->arena_cap) {
		size_t cap = rl->arena_cap ? rl->arena_cap * 2 : 64;
		void **a = realloc(rl->arena, cap * sizeof(*a));

		if (!a)
			return NULL;
		rl->arena = a;
		rl->arena_cap = cap;
	}
	p = calloc(1, size ? size : 1);
	if (p)
		rl->arena[rl->n_arena++] = p;
	return p;
}

int replay_parse_line(struct replay_log *rl, const char *line, size_t len,
		      long long expect_seq, struct pt_event *ev, char *err,
		      size_t errsize)
{
	struct rp p = { .rl = rl, .err = err, .errsize = errsize };
	enum json_tokener_error jerr;
	json_object *o;
	size_t end;
	bool ok;

	replay_arena_reset(rl);
	memset(ev, 0, sizeof(*ev));
	while (len > 0 && (line[len - 1] == '\r' || line[len - 1] == ' '))
		len--;
	if (len == 0) {
		snprintf(err, errsize, "empty line");
		return -1;
	}
	json_tokener_reset(rl->tok);
	o = json_tokener_parse_ex(rl->tok, line, (int)len);
	jerr = json_tokener_get_error(rl->tok);
	if (!o || jerr != json_tokener_success) {
		if (jerr == json_tokener_continue)
			snprintf(err, errsize,
				 "not JSON: the object is not closed");
		else
			snprintf(err, errsize, "not JSON: %s",
				 json_tokener_error_desc(jerr));
		json_object_put(o);
		return -1;
	}
	end = json_tokener_get_parse_end(rl->tok);
	if (end < len) {
		snprintf(err, errsize,
			 "not JSON: text after the object (column %zu)",
			 end + 1);
		json_object_put(o);
		return -1;
	}
	if (!json_object_is_type(o, json_type_object)) {
		snprintf(err, errsize, "not a JSON object");
		json_object_put(o);
		return -1;
	}
	ok = replay_parse_event(&p, o, expect_seq, ev);
	json_object_put(o);
	return ok ? 0 : -1;
}

/* ---- the reader ---- */

static struct replay_log *replay_new(const char *name)
{
	struct replay_log *rl = calloc(1, sizeof(*rl));

	if (!rl)
		return NULL;
	snprintf(rl->name, sizeof(rl->name), "%s", name);
	rl->tok = json_tokener_new_ex(64);
	if (!rl->tok) {
		free(rl);
		return NULL;
	}
	return rl;
}

struct replay_log *replay_open(const char *path, char *err, size_t errsize)
{
	struct replay_log *rl;
	FILE *in = stdin;

	if (strcmp(path, "-") != 0) {
		in = fopen(path, "re");
		if (!in) {
			snprintf(err, errsize, "cannot open %s: %s", path,
				 strerror(errno));
			return NULL;
		}
	}
	rl = replay_new(path);
	if (!rl) {
		snprintf(err, errsize, "out of memory");
		if (in != stdin)
			fclose(in);
		return NULL;
	}
	rl->in = in;
	rl->close_in = in != stdin;
	rl->chunk = malloc(REPLAY_CHUNK);
	if (!rl->chunk) {
		snprintf(err, errsize, "out of memory");
		replay_close(rl);
		return NULL;
	}
	rl->src = rl->chunk;
	return rl;
}

struct replay_log *replay_open_mem(const char *buf, size_t len,
				   const char *name)
{
	struct replay_log *rl = replay_new(name);

	if (rl) {
		rl->src = buf;
		rl->src_len = len;
	}
	return rl;
}

/* Bytes of input not yet read, refilling the chunk of a file log. */
static size_t replay_avail(struct replay_log *rl)
{
	if (rl->src_off == rl->src_len && rl->in) {
		rl->src_len = fread(rl->chunk, 1, REPLAY_CHUNK, rl->in);
		rl->src_off = 0;
	}
	return rl->src_len - rl->src_off;
}

/* Room for len bytes and a NUL in rl->line, never above the cap. */
static int replay_line_room(struct replay_log *rl, size_t len)
{
	size_t cap = rl->line_cap ? rl->line_cap : 4096;
	char *b;

	if (len + 1 <= rl->line_cap)
		return 0;
	while (cap < len + 1)
		cap *= 2;
	if (cap > REPLAY_LINE_MAX + 1)
		cap = REPLAY_LINE_MAX + 1;
	b = realloc(rl->line, cap);
	if (!b)
		return -1;
	rl->line = b;
	rl->line_cap = cap;
	return 0;
}

enum replay_read { REPLAY_LINE, REPLAY_EOF, REPLAY_TOO_LONG, REPLAY_OOM };

/*
 * The next line, without its newline, into rl->line and rl->line_len, one
 * reader for file and memory logs.  A line over REPLAY_LINE_MAX stops
 * there: never more than that much is held.
 */
static enum replay_read replay_getline(struct replay_log *rl, bool *had_newline)
{
	size_t avail, take;
	const char *p, *nl;
	bool any = false;

	rl->line_len = 0;
	*had_newline = false;
	while ((avail = replay_avail(rl)) > 0) {
		p = rl->src + rl->src_off;
		nl = memchr(p, '\n', avail);
		take = nl ? (size_t)(nl - p) : avail;
		any = true;
		if (rl->line_len + take > REPLAY_LINE_MAX)
			return REPLAY_TOO_LONG;
		if (replay_line_room(rl, rl->line_len + take) < 0)
			return REPLAY_OOM;
		memcpy(rl->line + rl->line_len, p, take);
		rl->line_len += take;
		rl->src_off += take + (nl ? 1 : 0);
		if (nl) {
			*had_newline = true;
			break;
		}
	}
	/* A read error ends the log there, reported as such, not as a cut line. */
	if (!any || (rl->in && ferror(rl->in)))
		return REPLAY_EOF;
	rl->line[rl->line_len] = '\0';
	return REPLAY_LINE;
}

static void replay_warn(struct replay_log *rl, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void replay_warn(struct replay_log *rl, const char *fmt, ...)
{
	va_list ap;

	if (rl->n_warn == REPLAY_WARN_MAX)
		return;
	va_start(ap, fmt);
	vsnprintf(rl->warn[rl->n_warn++], sizeof(rl->warn[0]), fmt, ap);
	va_end(ap);
}

/* At the end of the input: an error, or 0 with a warning if no end came. */
static int replay_eof(struct replay_log *rl)
{
	rl->done = true;
	if (rl->in && ferror(rl->in)) {
		snprintf(rl->err, sizeof(rl->err), "%s: read error: %s",
			 rl->name, strerror(errno));
		return -1;
	}
	if (rl->lineno == 0) {
		snprintf(rl->err, sizeof(rl->err), "%s: empty log", rl->name);
		return -1;
	}
	if (!rl->ended)
		replay_warn(
			rl,
			"%.200s:%ld: no \"end\" event: the log is cut short",
			rl->name, rl->lineno);
	return 0;
}

int replay_next(struct replay_log *rl, struct pt_event *ev)
{
	char msg[400];
	bool had_newline;
	enum replay_read got;

	if (rl->done)
		return 0;
	got = replay_getline(rl, &had_newline);
	if (got == REPLAY_TOO_LONG || got == REPLAY_OOM) {
		rl->done = true;
		snprintf(rl->err, sizeof(rl->err), "%.200s:%ld: %s", rl->name,
			 rl->lineno + 1,
			 got == REPLAY_OOM ? "out of memory" :
					     "line longer than 64 MiB");
		return -1;
	}
	if (rl->ended) {
		rl->done = true;
		if (got == REPLAY_EOF)
			return 0;
		snprintf(rl->err, sizeof(rl->err),
			 "%s:%ld: text after the \"end\" event", rl->name,
			 rl->lineno + 1);
		return -1;
	}
	if (got == REPLAY_EOF)
		return replay_eof(rl);
	rl->lineno++;
	if (replay_parse_line(rl, rl->line, rl->line_len, rl->next_seq, ev, msg,
			      sizeof(msg)) < 0) {
		rl->done = true;
		/* A killed tracer leaves a cut last line: warn, keep the rest. */
		if (!had_newline && rl->lineno > 1 &&
		    strncmp(msg, "not JSON", 8) == 0) {
			replay_warn(rl,
				    "%.200s:%ld: truncated last line ignored",
				    rl->name, rl->lineno);
			return 0;
		}
		snprintf(rl->err, sizeof(rl->err), "%.200s:%ld: %.280s",
			 rl->name, rl->lineno, msg);
		return -1;
	}
	rl->next_seq++;
	if (ev->kind == EV_START && strcmp(ev->u.start.tool, "proctrace") != 0)
		replay_warn(
			rl,
			"%.200s:%ld: written by \"%.40s\", not proctrace: read as a proctrace log",
			rl->name, rl->lineno, ev->u.start.tool);
	if (ev->kind == EV_END)
		rl->ended = true;
	return 1;
}

const char *replay_line(const struct replay_log *rl, size_t *len)
{
	*len = rl->line ? rl->line_len : 0;
	return rl->line ? rl->line : "";
}

const char *replay_error(const struct replay_log *rl)
{
	return rl->err;
}

const char *replay_warning(const struct replay_log *rl, size_t i)
{
	return i < rl->n_warn ? rl->warn[i] : NULL;
}

void replay_close(struct replay_log *rl)
{
	if (!rl)
		return;
	replay_arena_reset(rl);
	free(rl->arena);
	free(rl->line);
	free(rl->chunk);
	json_tokener_free(rl->tok);
	if (rl->close_in)
		fclose(rl->in);
	free(rl);
}
