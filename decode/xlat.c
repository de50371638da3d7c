/* decode/xlat.c - generic table decoders and the text builder they share. */
#include "config.h"

#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "decode/decode.h"

void decode_buf_init(struct decode_buf *b, char *buf, size_t size)
{
	b->buf = buf;
	b->size = size;
	b->len = 0;
	if (size > 0)
		buf[0] = '\0';
}

/* Room left for text (excluding the NUL) at the current end, or 0. */
static size_t decode_buf_room(const struct decode_buf *b)
{
	if (b->size == 0 || b->len >= b->size - 1)
		return 0;
	return b->size - 1 - b->len;
}

void decode_buf_puts(struct decode_buf *b, const char *s)
{
	size_t n = strlen(s);
	size_t room = decode_buf_room(b);
	size_t copy = n < room ? n : room;

	if (copy > 0) {
		memcpy(b->buf + b->len, s, copy);
		b->buf[b->len + copy] = '\0';
	}
	b->len += n;
}

void decode_buf_printf(struct decode_buf *b, const char *fmt, ...)
{
	char *end = NULL;
	size_t avail = 0;
	va_list ap;
	int n;

	/* Once truncated, keep the NUL where it is and only count. */
	if (b->size > 0 && b->len < b->size) {
		end = b->buf + b->len;
		avail = b->size - b->len;
	}
	va_start(ap, fmt);
	n = vsnprintf(end, avail, fmt, ap);
	va_end(ap);
	if (n > 0)
		b->len += (size_t)n;
}

int decode_parse_int(const char *s, long lo, long hi, long *out)
{
	bool neg = false;
	unsigned long v = 0;
	long r;

	if (!s)
		return -1;
	if (*s == '-') {
		neg = true;
		s++;
	}
	if (*s < '0' || *s > '9')
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		/* Anything past LONG_MAX + 1 is out of every range anyway. */
		if (v > ((unsigned long)LONG_MAX + 1) / 10)
			return -1;
		v = v * 10 + (unsigned long)(*s - '0');
	}
	if (v > (unsigned long)LONG_MAX + (neg ? 1 : 0))
		return -1;
	if (neg)
		r = v == (unsigned long)LONG_MAX + 1 ? LONG_MIN : -(long)v;
	else
		r = (long)v;
	if (r < lo || r > hi)
		return -1;
	if (out)
		*out = r;
	return 0;
}

const char *xlat_name(const struct xlat *tab, size_t n, uint64_t val)
{
	for (size_t i = 0; i < n; i++)
		if (tab[i].val == val)
			return tab[i].name;
	return NULL;
}

int xlat_value(const struct xlat *tab, size_t n, const char *name,
	       uint64_t *val)
{
	if (!name)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(tab[i].name, name) == 0) {
			if (val)
				*val = tab[i].val;
			return 0;
		}
	}
	return -1;
}

/*
 * A row matches when all its bits are still set; its bits are then cleared,
 * so an alias later in the table (same value) is not printed twice and a
 * multi-bit row never claims bits it only partly covers.
 */
size_t xlat_flag_names(const struct xlat *tab, size_t n, uint64_t flags,
		       const char **names, size_t max, uint64_t *residue)
{
	uint64_t rest = flags;
	size_t count = 0;

	for (size_t i = 0; i < n; i++) {
		uint64_t v = tab[i].val;

		if (v == 0 || (rest & v) != v)
			continue;
		if (names && count < max)
			names[count] = tab[i].name;
		count++;
		rest &= ~v;
	}
	if (residue)
		*residue = rest;
	return count;
}

size_t xlat_flags_buf(struct decode_buf *b, const struct xlat *tab, size_t n,
		      uint64_t flags)
{
	uint64_t rest = flags;
	const char *sep = "";

	if (flags == 0) {
		decode_buf_puts(b, "0");
		return b->len;
	}
	for (size_t i = 0; i < n; i++) {
		uint64_t v = tab[i].val;

		if (v == 0 || (rest & v) != v)
			continue;
		decode_buf_puts(b, sep);
		decode_buf_puts(b, tab[i].name);
		sep = "|";
		rest &= ~v;
	}
	if (rest)
		decode_buf_printf(b, "%s%#" PRIx64, sep, rest);
	return b->len;
}

size_t xlat_flags(char *buf, size_t size, const struct xlat *tab, size_t n,
		  uint64_t flags)
{
	struct decode_buf b;

	decode_buf_init(&b, buf, size);
	return xlat_flags_buf(&b, tab, n, flags);
}
