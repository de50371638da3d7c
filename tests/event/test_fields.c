/* test_fields.c - the field tables of event/fields.h against man/proctrace-events.5.in, both ways. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event/fields.h"

/*
 * The man page lists a kind as ".TP" + ".B kind" under EVENTS; its fields
 * are the ".TP" headings of its ".RS" block, or, for a short kind, the
 * bold names of its first sentence.  The signal kinds' fields are the
 * headings under SIGNAL KINDS; the common ones are under CONVENTIONS.
 * A key counts as mentioned in a section when it is bold there or quoted
 * (\(dqkey\(dq, "key" in an example).
 */
#define MAX_WORDS 256
#define WORD_LEN 48

struct words {
	char w[MAX_WORDS][WORD_LEN];
	size_t n;
};

struct section {
	char name[WORD_LEN];
	struct words fields;	/* what it documents as its fields */
	struct words mentioned;
};

static int failures;

static bool words_has(const struct words *ws, const char *w)
{
	for (size_t i = 0; i < ws->n; i++)
		if (strcmp(ws->w[i], w) == 0)
			return true;
	return false;
}

static void words_add(struct words *ws, const char *w, size_t len)
{
	char buf[WORD_LEN];

	if (len == 0 || len >= WORD_LEN || ws->n == MAX_WORDS)
		return;
	for (size_t i = 0; i < len; i++)
		if (!islower((unsigned char)w[i]) && w[i] != '_' &&
		    !isdigit((unsigned char)w[i]))
			return;
	memcpy(buf, w, len);
	buf[len] = '\0';
	if (!words_has(ws, buf))
		snprintf(ws->w[ws->n++], WORD_LEN, "%s", buf);
}

/* Every \(dqword\(dq and "word" of a line. */
static void add_quoted(struct words *ws, const char *line)
{
	static const char *const quotes[] = { "\\(dq", "\"" };

	for (size_t q = 0; q < 2; q++) {
		size_t ql = strlen(quotes[q]);
		const char *s = line, *e;

		while ((s = strstr(s, quotes[q])) && (e = strstr(s + ql, quotes[q]))) {
			words_add(ws, s + ql, (size_t)(e - s - ql));
			s = e + ql;
		}
	}
}

/*
 * The bold arguments of a font macro line (.B, .BR, .RB, .BI, .IB) into
 * ws; returns whether the line was one.  last_period: the line ends a
 * sentence (".BR new_ppid .").
 */
static bool add_bold(struct words *ws, const char *line, bool *last_period)
{
	static const struct { const char *macro; int bold_parity; } fonts[] = {
		{ ".B ", -1 }, { ".BR ", 0 }, { ".BI ", 0 }, { ".RB ", 1 },
		{ ".IB ", 1 },
	};
	const char *s = NULL;
	int parity = -1, i = 0;

	for (size_t f = 0; f < sizeof(fonts) / sizeof(fonts[0]) && !s; f++)
		if (strncmp(line, fonts[f].macro, strlen(fonts[f].macro)) == 0) {
			s = line + strlen(fonts[f].macro);
			parity = fonts[f].bold_parity;
		}
	if (!s)
		return false;
	*last_period = false;
	while (*s) {
		const char *start;
		size_t len;
		bool quoted;

		while (*s == ' ')
			s++;
		if (!*s)
			break;
		quoted = *s == '"';
		start = quoted ? ++s : s;
		while (*s && *s != (quoted ? '"' : ' '))
			s++;
		len = (size_t)(s - start);
		if (quoted && *s)
			s++;
		/* "execve (2)": a page reference, not a field */
		while (*s == ' ')
			s++;
		if ((parity < 0 || i % 2 == parity) && *s != '(')
			words_add(ws, start, len);
		*last_period = len > 0 && start[len - 1] == '.';
		i++;
	}
	return true;
}

/* Sections of the man page: kinds, signal kinds, conventions. */
static struct section sections[64];
static size_t n_sections;

static struct section *section_new(const char *name, size_t len)
{
	struct section *sec = &sections[n_sections++];

	snprintf(sec->name, sizeof(sec->name), "%.*s", (int)len, name);
	return sec;
}

static struct section *section_find(const char *name)
{
	for (size_t i = 0; i < n_sections; i++)
		if (strcmp(sections[i].name, name) == 0)
			return &sections[i];
	return NULL;
}

struct parse_state {
	struct section *cur, *conventions;
	const char *sh;		/* the .SH being read */
	int depth;		/* .RS nesting */
	bool after_tp, inline_done;
};

static void parse_line(struct parse_state *st, char *line)
{
	bool tp = st->after_tp, period = false;
	struct words heads = { .n = 0 };

	st->after_tp = strncmp(line, ".TP", 3) == 0;
	if (strncmp(line, ".SH ", 4) == 0) {
		st->sh = strstr(line, "SIGNAL KINDS") ? "signal kinds" :
			 strstr(line, "EVENTS") ? "events" :
			 strstr(line, "CONVENTIONS") ? "conventions" : NULL;
		st->cur = st->sh && strcmp(st->sh, "conventions") == 0 ?
			  st->conventions : NULL;
		st->depth = 0;
		return;
	}
	if (strncmp(line, ".RS", 3) == 0 || strncmp(line, ".RE", 3) == 0) {
		st->depth += line[2] == 'S' ? 1 : -1;
		st->inline_done = true;
		return;
	}
	if (!st->sh)
		return;
	/* a new kind (or signal kind) */
	if (tp && st->depth == 0 && strcmp(st->sh, "conventions") != 0 &&
	    strncmp(line, ".B ", 3) == 0) {
		st->cur = section_new(line + 3, strlen(line + 3));
		if (strcmp(st->sh, "signal kinds") == 0) {
			st->cur = section_find("signal");
			if (!st->cur)
				return;
		}
		st->inline_done = strcmp(st->sh, "signal kinds") == 0;
		return;
	}
	if (!st->cur)
		return;
	add_quoted(&st->cur->mentioned, line);
	if (add_bold(&heads, line, &period)) {
		for (size_t i = 0; i < heads.n; i++) {
			words_add(&st->cur->mentioned, heads.w[i], strlen(heads.w[i]));
			if ((tp && st->depth == 1) || !st->inline_done)
				words_add(&st->cur->fields, heads.w[i],
					  strlen(heads.w[i]));
		}
		if (period)
			st->inline_done = true;
	} else if (line[0] != '.' && strchr(line, '.')) {
		st->inline_done = true;
	}
}

static int parse_man(const char *path)
{
	static struct section conventions = { .name = "conventions" };
	struct parse_state st = { .conventions = &conventions };
	char line[1024];
	FILE *f = fopen(path, "r");

	if (!f) {
		perror(path);
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		parse_line(&st, line);
	}
	fclose(f);
	sections[n_sections++] = conventions;
	return 0;
}

static void check(bool ok, const char *what, const char *kind, const char *key)
{
	if (!ok) {
		printf("FAIL: %s: %s \"%s\"\n", kind, what, key);
		failures++;
	}
}

/* Every key of t and of its nested tables is mentioned in sec. */
static void check_mentioned(const struct section *sec, const struct ev_table *t)
{
	for (size_t i = 0; t && i < t->n_rows; i++) {
		check(words_has(&sec->mentioned, t->rows[i].key),
		      "key not in the man page", sec->name, t->rows[i].key);
		check_mentioned(sec, t->rows[i].sub);
	}
}

static bool table_has(const struct ev_table *t, const char *key)
{
	for (size_t i = 0; i < t->n_rows; i++)
		if (strcmp(t->rows[i].key, key) == 0)
			return true;
	return false;
}

static void check_kind(enum ev_kind k)
{
	const char *name = event_kind_name(k);
	const struct section *sec = section_find(name);
	const struct ev_table *t = ev_kind_table(k);

	if (!sec) {
		check(false, "kind not in the man page", name, name);
		return;
	}
	check_mentioned(sec, t);
	if (k == EV_REAP)
		check_mentioned(sec, &ev_status_table);
	if (k == EV_NS)
		check_mentioned(sec, &ev_ns_change_table);
	check(!ev_kind_has_pid(k) || words_has(&sec->fields, "pid"),
	      "pid not listed", name, "pid");
	check(!ev_kind_has_tid(k) || words_has(&sec->fields, "tid"),
	      "tid not listed", name, "tid");
	for (size_t i = 0; i < sec->fields.n; i++) {
		const char *w = sec->fields.w[i];
		bool common = (strcmp(w, "pid") == 0 && ev_kind_has_pid(k)) ||
			      (strcmp(w, "tid") == 0 && ev_kind_has_tid(k));

		check(common || table_has(t, w), "documented field not in the table",
		      name, w);
	}
}

int main(int argc, char **argv)
{
	const char *srcdir = getenv("srcdir");
	char path[4096];
	const struct section *conv;

	if (argc > 1)
		snprintf(path, sizeof(path), "%s", argv[1]);
	else
		snprintf(path, sizeof(path), "%s/man/proctrace-events.5.in",
			 srcdir ? srcdir : ".");
	if (parse_man(path) < 0)
		return 1;
	for (int k = 0; k < EV_KIND_COUNT; k++)
		check_kind(k);
	conv = section_find("conventions");
	check_mentioned(conv, &ev_head_table);
	check_mentioned(conv, &ev_common_table);
	check_mentioned(conv, &ev_tail_table);
	if (failures)
		return 1;
	printf("PASS: %zu man page sections, %d kinds\n", n_sections,
	       EV_KIND_COUNT);
	return 0;
}
