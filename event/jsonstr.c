/* jsonstr.c - tracee bytes as JSON string text (\xNN for invalid UTF-8) and back. */
#include "config.h"

#include <stdbool.h>
#include <string.h>

#include "event/jsonstr.h"

/*
 * UTF-8 is validated by hand: iconv and libunistring only say "invalid" and
 * stop, json-c would write invalid bytes through or replace them with
 * U+FFFD, and none of them offers the log's \xNN convention, which must
 * name every byte that is not part of a valid sequence so that replay gets
 * the raw bytes back exactly.  The rules are those of RFC 3629 section 4 /
 * Unicode table 3-7: no overlong forms, no surrogates (U+D800..U+DFFF), no
 * code points above U+10FFFF.
 */

/* Allowed range of the second byte of a sequence, by lead byte. */
struct utf8_lead {
	unsigned char len; /* bytes in the sequence; 0: not a lead byte */
	unsigned char lo, hi; /* range of the second byte */
};

static struct utf8_lead jsonstr_lead(unsigned char c)
{
	static const struct {
		unsigned char first, last;
		struct utf8_lead lead;
	} leads[] = {
		{ 0xc2, 0xdf, { 2, 0x80, 0xbf } },
		{ 0xe0, 0xe0, { 3, 0xa0, 0xbf } }, /* no overlong */
		{ 0xe1, 0xec, { 3, 0x80, 0xbf } },
		{ 0xed, 0xed, { 3, 0x80, 0x9f } }, /* no surrogates */
		{ 0xee, 0xef, { 3, 0x80, 0xbf } },
		{ 0xf0, 0xf0, { 4, 0x90, 0xbf } }, /* no overlong */
		{ 0xf1, 0xf3, { 4, 0x80, 0xbf } },
		{ 0xf4, 0xf4, { 4, 0x80, 0x8f } }, /* <= U+10FFFF */
	};

	for (size_t i = 0; i < sizeof(leads) / sizeof(leads[0]); i++)
		if (c >= leads[i].first && c <= leads[i].last)
			return leads[i].lead;
	return (struct utf8_lead){ 0, 0, 0 };
}

/* Length of the valid multibyte sequence at s (n bytes left), or 0. */
static size_t jsonstr_utf8_seq(const unsigned char *s, size_t n)
{
	struct utf8_lead l = jsonstr_lead(s[0]);

	if (l.len == 0 || n < l.len)
		return 0;
	if (s[1] < l.lo || s[1] > l.hi)
		return 0;
	for (size_t i = 2; i < l.len; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return l.len;
}

/*
 * Escapes of the ASCII bytes, as JSON text.  NULL: written as is.  The
 * original backslash is doubled (the \xNN convention) and then escaped for
 * JSON, hence four backslashes.  DEL is escaped too: legal in JSON, but a
 * log piped to a terminal should not carry it raw.
 */
static const char *const jsonstr_ascii_esc[128] = {
	[0x00] = "\\u0000",  [0x01] = "\\u0001", [0x02] = "\\u0002",
	[0x03] = "\\u0003",  [0x04] = "\\u0004", [0x05] = "\\u0005",
	[0x06] = "\\u0006",  [0x07] = "\\u0007", [0x08] = "\\b",
	[0x09] = "\\t",	     [0x0a] = "\\n",	 [0x0b] = "\\u000b",
	[0x0c] = "\\f",	     [0x0d] = "\\r",	 [0x0e] = "\\u000e",
	[0x0f] = "\\u000f",  [0x10] = "\\u0010", [0x11] = "\\u0011",
	[0x12] = "\\u0012",  [0x13] = "\\u0013", [0x14] = "\\u0014",
	[0x15] = "\\u0015",  [0x16] = "\\u0016", [0x17] = "\\u0017",
	[0x18] = "\\u0018",  [0x19] = "\\u0019", [0x1a] = "\\u001a",
	[0x1b] = "\\u001b",  [0x1c] = "\\u001c", [0x1d] = "\\u001d",
	[0x1e] = "\\u001e",  [0x1f] = "\\u001f", ['"'] = "\\\"",
	['\\'] = "\\\\\\\\", [0x7f] = "\\u007f",
};

/* Output is staged in a stack buffer and written in chunks. */
struct jsonstr_out {
	FILE *f;
	char buf[512];
	size_t n;
	bool err;
};

static void jsonstr_drain(struct jsonstr_out *o)
{
	if (o->n && fwrite(o->buf, 1, o->n, o->f) != o->n)
		o->err = true;
	o->n = 0;
}

static void jsonstr_put(struct jsonstr_out *o, const char *s, size_t len)
{
	if (o->n + len > sizeof(o->buf))
		jsonstr_drain(o);
	memcpy(o->buf + o->n, s, len);
	o->n += len;
}

int jsonstr_write(FILE *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	struct jsonstr_out o = { .f = out };
	size_t i = 0;

	jsonstr_put(&o, "\"", 1);
	while (i < len) {
		unsigned char c = p[i];
		size_t seq;

		if (c < 0x80) {
			const char *e = jsonstr_ascii_esc[c];

			if (e)
				jsonstr_put(&o, e, strlen(e));
			else
				jsonstr_put(&o, (const char *)&p[i], 1);
			i++;
		} else if ((seq = jsonstr_utf8_seq(p + i, len - i))) {
			jsonstr_put(&o, (const char *)&p[i], seq);
			i += seq;
		} else {
			/* One byte only: what follows may start a valid sequence. */
			char x[5] = { '\\', '\\', 'x', hex[c >> 4],
				      hex[c & 15] };

			jsonstr_put(&o, x, sizeof(x));
			i++;
		}
	}
	jsonstr_put(&o, "\"", 1);
	jsonstr_drain(&o);
	return o.err ? -1 : 0;
}

static int jsonstr_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

long jsonstr_to_raw(char *buf, size_t size, const char *in, size_t len)
{
	size_t out = 0;

	for (size_t i = 0; i < len; i++) {
		char c = in[i];

		if (c == '\\') {
			if (i + 1 < len && in[i + 1] == '\\') {
				i++;
			} else if (i + 3 < len && in[i + 1] == 'x') {
				int hi = jsonstr_hexval(in[i + 2]);
				int lo = jsonstr_hexval(in[i + 3]);

				if (hi < 0 || lo < 0)
					return -1;
				c = (char)(hi << 4 | lo);
				i += 3;
			} else {
				return -1;
			}
		}
		if (out + 1 < size)
			buf[out] = c;
		out++;
	}
	if (size > 0)
		buf[out < size ? out : size - 1] = '\0';
	return (long)out;
}
