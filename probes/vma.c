/* vma.c - address-space readings from /proc/PID/maps and their differences. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "decode/decode.h"
#include "probes/vma.h"

#define VMA_TEXT_MIN 16384

struct vma_space *vma_space_new(void)
{
	struct vma_space *s = calloc(1, sizeof(*s));

	if (s)
		s->refs = 1;
	return s;
}

void vma_space_ref(struct vma_space *s)
{
	s->refs++;
}

void vma_snap_free(struct vma_snap *snap)
{
	free(snap->text);
	free(snap->reg);
	memset(snap, 0, sizeof(*snap));
}

void vma_space_unref(struct vma_space *s)
{
	if (!s || --s->refs > 0)
		return;
	vma_snap_free(&s->cur);
	vma_snap_free(&s->next);
	free(s);
}

static int snap_grow_text(struct vma_snap *snap, size_t need)
{
	size_t cap = snap->cap ? snap->cap : VMA_TEXT_MIN;
	char *p;

	while (cap < need)
		cap *= 2;
	if (cap == snap->cap)
		return 0;
	p = realloc(snap->text, cap);
	if (!p)
		return -1;
	snap->text = p;
	snap->cap = cap;
	return 0;
}

/* Split the text into regions; paths are NUL-terminated in place. */
static int snap_index(struct vma_snap *snap)
{
	struct decode_map m;
	size_t pos = 0;

	snap->n = 0;
	while (decode_maps_next(snap->text, snap->len, &pos, &m) == 1) {
		struct vma_reg *g;

		/* The kernel lists regions sorted, disjoint, non-empty: keep it so. */
		if (m.end <= m.start ||
		    (snap->n && m.start < snap->reg[snap->n - 1].r.end))
			continue;

		if (snap->n == snap->rcap) {
			size_t rcap = snap->rcap ? snap->rcap * 2 : 64;
			struct vma_reg *p =
				realloc(snap->reg, rcap * sizeof(*p));

			if (!p)
				return -1;
			snap->reg = p;
			snap->rcap = rcap;
		}
		g = &snap->reg[snap->n++];
		memset(g, 0, sizeof(*g));
		g->r.start = m.start;
		g->r.end = m.end;
		g->r.offset = m.offset;
		memcpy(g->r.perm, m.perm, sizeof(g->r.perm));
		g->dev = m.dev;
		g->inode = m.inode;
		/* The byte after the path is its '\n' or the spare byte at len. */
		((char *)m.path)[m.path_len] = '\0';
		g->r.path = m.path;
		g->r.wx = decode_perm_wx(m.perm);
	}
	return 0;
}

int vma_snap_parse(struct vma_snap *snap, const char *text, size_t len)
{
	if (snap_grow_text(snap, len + 1) < 0)
		return -1;
	memcpy(snap->text, text, len);
	snap->text[len] = '\0';
	snap->len = len;
	return snap_index(snap);
}

int vma_snap_read(struct vma_snap *snap, pid_t tid)
{
	char path[64];
	int fd, saved;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	snap->len = 0;
	for (;;) {
		ssize_t r;

		if (snap_grow_text(snap, snap->len + 4096 + 1) < 0) {
			errno = ENOMEM;
			goto fail;
		}
		r = read(fd, snap->text + snap->len, snap->cap - snap->len - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			goto fail;
		if (r == 0)
			break;
		snap->len += (size_t)r;
	}
	close(fd);
	snap->text[snap->len] = '\0';
	return snap_index(snap);
fail:
	saved = errno;
	close(fd);
	errno = saved;
	return -1;
}

/* ---- the difference of two readings ---- */

static bool reg_same_backing(const struct vma_reg *a, const struct vma_reg *b,
			     uint64_t at)
{
	if (a->dev != b->dev || a->inode != b->inode ||
	    strcmp(a->r.path, b->r.path) != 0)
		return false;
	/* Anonymous maps show offset 0 (show_map_vma): nothing to compare. */
	return a->inode == 0 || a->r.offset + (at - a->r.start) ==
					b->r.offset + (at - b->r.start);
}

static int diff_add(struct vma_diff *d, enum vma_op op, const struct vma_reg *g,
		    uint64_t from, uint64_t to, bool exec_new)
{
	uint64_t off = g->inode ? g->r.offset + (from - g->r.start) : 0;
	struct ev_region *last;

	if (d->n[op]) {
		last = &d->list[op][d->n[op] - 1];
		if (last->end == from && strcmp(last->perm, g->r.perm) == 0 &&
		    last->path == g->r.path && last->exec_new == exec_new &&
		    (!g->inode ||
		     last->offset + (last->end - last->start) == off)) {
			last->end = to;
			return 0;
		}
	}
	if (d->n[op] == d->cap[op]) {
		size_t cap = d->cap[op] ? d->cap[op] * 2 : 16;
		struct ev_region *p = realloc(d->list[op], cap * sizeof(*p));

		if (!p)
			return -1;
		d->list[op] = p;
		d->cap[op] = cap;
	}
	last = &d->list[op][d->n[op]++];
	*last = g->r;
	last->start = from;
	last->end = to;
	last->offset = off;
	last->wx = decode_perm_wx(g->r.perm);
	last->exec_new = exec_new;
	return 0;
}

int vma_diff_compute(struct vma_diff *d, const struct vma_snap *old,
		     const struct vma_snap *now)
{
	size_t i = 0, j = 0;
	uint64_t x = 0;

	memset(d->n, 0, sizeof(d->n));
	/* Walk the elementary pieces between every boundary of both readings. */
	while (i < old->n || j < now->n) {
		const struct vma_reg *o = i < old->n ? &old->reg[i] : NULL;
		const struct vma_reg *n = j < now->n ? &now->reg[j] : NULL;
		bool o_in = o && o->r.start <= x, n_in = n && n->r.start <= x;
		uint64_t e = UINT64_MAX;
		int rc = 0;

		if (!o_in && !n_in) {
			x = !o			    ? n->r.start :
			    !n			    ? o->r.start :
			    o->r.start < n->r.start ? o->r.start :
						      n->r.start;
			continue;
		}
		if (o)
			e = o_in ? o->r.end : o->r.start;
		if (n) {
			uint64_t ne = n_in ? n->r.end : n->r.start;

			e = ne < e ? ne : e;
		}
		if (o_in && !n_in) {
			rc = diff_add(d, VO_UNMAP, o, x, e, false);
		} else if (!o_in) {
			rc = diff_add(d, VO_MAP, n, x, e,
				      n->inode && decode_perm_exec(n->r.perm));
		} else if (!reg_same_backing(o, n, x)) {
			rc = diff_add(d, VO_MAP, n, x, e,
				      n->inode && decode_perm_exec(n->r.perm));
		} else if (strcmp(o->r.perm, n->r.perm) != 0) {
			rc = diff_add(d, VO_PROTECT, n, x, e,
				      n->inode && decode_perm_exec(n->r.perm) &&
					      !decode_perm_exec(o->r.perm));
		}
		if (rc < 0)
			return -1;
		x = e;
		if (o_in && x >= o->r.end)
			i++;
		if (n_in && x >= n->r.end)
			j++;
	}
	return 0;
}

void vma_diff_free(struct vma_diff *d)
{
	for (int k = 0; k < 4; k++)
		free(d->list[k]);
	memset(d, 0, sizeof(*d));
}

int vma_space_refresh(struct vma_space *s, pid_t tid)
{
	if (vma_snap_read(&s->cur, tid) < 0) {
		s->valid = false;
		return -1;
	}
	s->valid = true;
	return 0;
}

int vma_space_update(struct vma_space *s, pid_t tid, struct vma_diff *d)
{
	memset(d->n, 0, sizeof(d->n));
	if (vma_snap_read(&s->next, tid) < 0)
		return -1;
	if (!s->valid)
		return 0;
	return vma_diff_compute(d, &s->cur, &s->next);
}

void vma_space_commit(struct vma_space *s)
{
	struct vma_snap tmp = s->cur;

	s->cur = s->next;
	s->next = tmp;
	s->valid = true;
}
