/* decode/maps_parse.c - a fast, allocation-free parser of /proc/PID/maps text. */
#include "config.h"

#include <string.h>

#include "decode/decode.h"

/*
 * Why not sscanf: it costs a format interpretation per field on every line
 * of every snapshot (the tracer re-reads maps at each mmap/mprotect exit),
 * and "%s" cannot take a path with spaces.  This scans each line once, in
 * place, and hands back the path as a pointer into the caller's text.
 *
 * Line format (fs/proc/task_mmu.c, show_map_vma):
 *   start-end perm offset major:minor inode [padding path]
 * The path may contain spaces; a newline in it is escaped by the kernel as
 * "\012", so '\n' always ends a line.
 */

static int maps_hex(const char **p, const char *end, uint64_t *out)
{
	const char *s = *p;
	uint64_t v = 0;
	int digits = 0;

	for (; s < end; s++) {
		unsigned d;

		if (*s >= '0' && *s <= '9')
			d = (unsigned)(*s - '0');
		else if (*s >= 'a' && *s <= 'f')
			d = (unsigned)(*s - 'a' + 10);
		else if (*s >= 'A' && *s <= 'F')
			d = (unsigned)(*s - 'A' + 10);
		else
			break;
		if (++digits > 16)
			return -1;
		v = v << 4 | d;
	}
	if (!digits)
		return -1;
	*out = v;
	*p = s;
	return 0;
}

static int maps_dec(const char **p, const char *end, uint64_t *out)
{
	const char *s = *p;
	uint64_t v = 0;
	int digits = 0;

	for (; s < end && *s >= '0' && *s <= '9'; s++) {
		if (++digits > 19)
			return -1;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	if (!digits)
		return -1;
	*out = v;
	*p = s;
	return 0;
}

static int maps_expect(const char **p, const char *end, char c)
{
	if (*p >= end || **p != c)
		return -1;
	(*p)++;
	return 0;
}

int decode_maps_line(const char *line, size_t len, struct decode_map *m)
{
	static const char deleted[] = " (deleted)";
	const size_t dlen = sizeof(deleted) - 1;
	const char *p = line, *end = line + len;
	uint64_t maj, min;

	if (len && end[-1] == '\n')
		end--;
	if (maps_hex(&p, end, &m->start) || maps_expect(&p, end, '-') ||
	    maps_hex(&p, end, &m->end) || maps_expect(&p, end, ' '))
		return -1;
	if (m->end < m->start || end - p < 5)
		return -1;
	for (int i = 0; i < 4; i++)
		m->perm[i] = p[i];
	m->perm[4] = '\0';
	if (decode_perm_prot(m->perm) < 0)
		return -1;
	p += 4;
	if (maps_expect(&p, end, ' ') || maps_hex(&p, end, &m->offset) ||
	    maps_expect(&p, end, ' ') || maps_hex(&p, end, &maj) ||
	    maps_expect(&p, end, ':') || maps_hex(&p, end, &min) ||
	    maps_expect(&p, end, ' ') || maps_dec(&p, end, &m->inode))
		return -1;
	m->dev = maj << 32 | min;
	if (p < end && *p != ' ')
		return -1;
	while (p < end && *p == ' ')
		p++;
	m->path = p;
	m->path_len = (size_t)(end - p);
	m->deleted = m->path_len > dlen &&
		     memcmp(end - dlen, deleted, dlen) == 0;
	return 0;
}

int decode_maps_next(const char *text, size_t len, size_t *pos,
		     struct decode_map *m)
{
	while (*pos < len) {
		const char *line = text + *pos;
		const char *nl = memchr(line, '\n', len - *pos);
		size_t llen = nl ? (size_t)(nl - line) + 1 : len - *pos;

		*pos += llen;
		if (decode_maps_line(line, llen, m) == 0)
			return 1;
	}
	return 0;
}
