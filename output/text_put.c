/* text_put.c - the text output's value writers, one spelling each (private to output/). */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "decode/decode.h"
#include "output/text_put.h"
#include "output/text_sink.h"

/* ---- escaping and small formatters ---- */

/* The escape of byte c into e (up to 4 chars); returns its length. */
static size_t text_esc_byte(unsigned char c, char e[4])
{
	static const char hex[] = "0123456789abcdef";
	static const char named[128] = {
		['\n'] = 'n',
		['\t'] = 't',
		['\\'] = '\\',
		['"'] = '"',
	};

	if (c < 0x80 && named[c]) {
		e[0] = '\\';
		e[1] = named[c];
		return 2;
	}
	if (c < 0x20 || c >= 0x7f) {
		e[0] = '\\';
		e[1] = 'x';
		e[2] = hex[c >> 4];
		e[3] = hex[c & 15];
		return 4;
	}
	e[0] = (char)c;
	return 1;
}

size_t text_escape(char *buf, size_t size, const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		char e[4];
		size_t k = text_esc_byte((unsigned char)s[i], e);

		for (size_t j = 0; j < k; j++, n++)
			if (n + 1 < size)
				buf[n] = e[j];
	}
	if (size > 0)
		buf[n < size ? n : size - 1] = '\0';
	return n;
}

/* s escaped straight to out, staged in chunks (no malloc). */
void text_put_escaped(FILE *out, const char *s, size_t len)
{
	char chunk[256];
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		if (n + 4 > sizeof(chunk)) {
			fwrite(chunk, 1, n, out);
			n = 0;
		}
		n += text_esc_byte((unsigned char)s[i], chunk + n);
	}
	fwrite(chunk, 1, n, out);
}

void text_put_str(FILE *out, const char *s)
{
	text_put_escaped(out, s, strlen(s));
}

/* "s" with at most limit bytes of s (limit < 0: all), "..." when cut. */
void text_put_quoted(FILE *out, const char *s, int limit)
{
	size_t len = strlen(s);
	bool cut = limit >= 0 && len > (size_t)limit;

	putc('"', out);
	text_put_escaped(out, s, cut ? (size_t)limit : len);
	fputs(cut ? "\"..." : "\"", out);
}

/*
 * ["a", "b"] or ["a", ...] when the tracer read only part; ? if unknown.
 * Strings cut at limit bytes, and, as strace abbreviates argv, at most
 * max_elems elements (-1: all) before "...".
 */
void text_put_strv(FILE *out, const struct ev_strv *sv, int limit,
		   int max_elems)
{
	size_t i;

	if (!sv->v) {
		putc('?', out);
		return;
	}
	putc('[', out);
	for (i = 0; sv->v[i] && (max_elems < 0 || i < (size_t)max_elems); i++) {
		if (i)
			fputs(", ", out);
		text_put_quoted(out, sv->v[i], limit);
	}
	if (sv->v[i] || sv->truncated)
		fputs(i ? ", ..." : "...", out);
	putc(']', out);
}

size_t text_duration(char *buf, size_t size, uint64_t ns)
{
	uint64_t tenths_ms, hundredths_s;

	if (ns < 1000000)
		return (size_t)snprintf(buf, size, "%" PRIu64 " us", ns / 1000);
	tenths_ms = (ns + 50000) / 100000;
	if (tenths_ms < 10000)
		return (size_t)snprintf(buf, size, "%" PRIu64 ".%" PRIu64 " ms",
					tenths_ms / 10, tenths_ms % 10);
	hundredths_s = (ns + 5000000) / 10000000;
	return (size_t)snprintf(buf, size, "%" PRIu64 ".%02" PRIu64 " s",
				hundredths_s / 100, hundredths_s % 100);
}

void text_put_signal(FILE *out, int sig)
{
	char name[32];

	decode_signal(name, sizeof(name), sig);
	fputs(name, out);
}

void text_put_errno(FILE *out, int err)
{
	char name[32];

	decode_errno(name, sizeof(name), err);
	fputs(name, out);
}

/* "exit 0", "killed by SIGKILL", "killed by SIGSEGV (core dumped)" */
void text_put_status(FILE *out, const struct ev_status *st)
{
	char buf[64];

	if (st->signaled)
		fputs("killed by ", out);
	decode_exit_status(buf, sizeof(buf), st->signaled,
			   st->signaled ? st->sig : st->code, st->core);
	fputs(buf, out);
}

void text_put_clone_flags(FILE *out, uint64_t flags)
{
	char buf[1024];
	size_t n_tab;
	const struct xlat *tab = decode_clone_flag_table(&n_tab);

	xlat_flags(buf, sizeof(buf), tab, n_tab, flags);
	fputs(buf, out);
}

/* ---- one function per event kind: the text after the prefix ---- */
/*
 * Each returns true when its text already says the event was inferred, so
 * the common " (inferred)" suffix is not added twice.
 */

/* "0" when all four ids agree, else "r,e,s,fs". */
void text_put_ids(FILE *out, const unsigned ids[4])
{
	if (ids[0] == ids[1] && ids[1] == ids[2] && ids[2] == ids[3])
		fprintf(out, "%u", ids[0]);
	else
		fprintf(out, "%u,%u,%u,%u", ids[0], ids[1], ids[2], ids[3]);
}

void text_put_groups(FILE *out, const struct ev_cred_set *c)
{
	putc('[', out);
	for (size_t i = 0; i < c->n_groups && c->groups; i++)
		fprintf(out, "%s%u", i ? "," : "", (unsigned)c->groups[i]);
	putc(']', out);
}

/* "    at main+0x1c (/usr/bin/x) x.c:12" */
void text_put_frame(FILE *out, const struct ev_frame *f)
{
	fputs("    at ", out);
	if (f->sym) {
		text_put_str(out, f->sym);
		fprintf(out, "+0x%" PRIx64, f->off);
	} else {
		fprintf(out, "0x%" PRIx64, f->ip);
	}
	if (f->module) {
		fputs(" (", out);
		text_put_str(out, f->module);
		/* No symbol: where in the module, never a guessed name. */
		if (!f->sym)
			fprintf(out, "+0x%" PRIx64, f->off);
		putc(')', out);
	}
	if (f->file) {
		putc(' ', out);
		text_put_str(out, f->file);
		fprintf(out, ":%d", f->line);
	}
	putc('\n', out);
}
