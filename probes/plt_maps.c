/* plt_maps.c - mapped files (each parsed once) and names for addresses. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>

#include "elfinfo/elfinfo.h"
#include "probes/plt_impl.h"

static struct plt_file *plt_file_get(struct plt_ctx *c, pid_t pid,
				     const struct plt_map *m)
{
	struct plt_file *f;
	char path[64];

	for (f = c->files; f; f = f->next)
		if (f->dev == m->dev && f->ino == m->ino)
			return f;
	f = calloc(1, sizeof(*f));
	if (!f)
		return NULL;
	f->dev = m->dev;
	f->ino = m->ino;
	f->path = strdup(m->path);
	if (!f->path) {
		free(f);
		return NULL;
	}
	/* The mapped file itself, even if the path now names another one. */
	snprintf(path, sizeof(path), "/proc/%d/map_files/%" PRIx64 "-%" PRIx64,
		 (int)pid, m->start, m->end);
	f->ei = elfinfo_open(path, NULL, 0);
	if (!f->ei)
		f->ei = elfinfo_open(m->path, NULL, 0);
	f->next = c->files;
	c->files = f;
	return f;
}

void plt_maps_free(struct plt_space *s)
{
	for (size_t i = 0; i < s->n_maps; i++)
		free(s->maps[i].path);
	free(s->maps);
	s->maps = NULL;
	s->n_maps = 0;
}

/* Re-read /proc/PID/maps: the file mappings only. */
int plt_maps_load(struct plt_space *s)
{
	char name[32], *line = NULL;
	size_t cap = 0, n = 0, alloc = 0;
	struct plt_map *maps = NULL;
	FILE *fp;

	snprintf(name, sizeof(name), "/proc/%d/maps", (int)s->pid);
	fp = fopen(name, "re");
	if (!fp)
		return -1;
	while (getline(&line, &cap, fp) > 0) {
		unsigned long long start, end, off, ino;
		unsigned maj, min;
		char perm[8];
		int pos = 0;
		char *path, *nl;

		if (sscanf(line, "%llx-%llx %7s %llx %x:%x %llu %n", &start,
			   &end, perm, &off, &maj, &min, &ino, &pos) < 7 ||
		    !pos)
			continue;
		path = line + pos;
		if (path[0] != '/' || ino == 0)
			continue;
		nl = strchr(path, '\n');
		if (nl)
			*nl = '\0';
		if (n == alloc) {
			struct plt_map *nm;

			alloc = alloc ? alloc * 2 : 64;
			nm = realloc(maps, alloc * sizeof(*maps));
			if (!nm)
				break;
			maps = nm;
		}
		maps[n] = (struct plt_map){
			.start = start,
			.end = end,
			.offset = off,
			.exec = perm[2] == 'x',
			.dev = makedev(maj, min),
			.ino = (ino_t)ino,
			.path = strdup(path),
		};
		if (maps[n].path)
			n++;
	}
	free(line);
	fclose(fp);
	plt_maps_free(s);
	s->maps = maps;
	s->n_maps = n;
	return 0;
}

static struct plt_map *plt_map_at(struct plt_space *s, uint64_t addr)
{
	size_t lo = 0, hi = s->n_maps;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->maps[mid].end <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->n_maps && s->maps[lo].start <= addr ? &s->maps[lo] :
							     NULL;
}

/* The object mapped at m, parsed on first use. */
struct plt_file *plt_map_file(struct plt_ctx *c, struct plt_space *s,
			      struct plt_map *m)
{
	if (!m->tried) {
		m->tried = true;
		m->file = plt_file_get(c, s->pid, m);
	}
	return m->file;
}

/* "name" or "name+0x2a" for addr, from the object mapped there. */
bool plt_symbolize(struct plt_ctx *c, struct plt_space *s, uint64_t addr,
		   char *buf, size_t size, const char **object)
{
	struct plt_map *m = plt_map_at(s, addr);
	const char *name;
	uint64_t bias, off;

	if (!m) {
		/* Mapped since the last read (dlopen without --plt=all). */
		plt_maps_load(s);
		m = plt_map_at(s, addr);
	}
	if (object)
		*object = NULL;
	if (!m || !plt_map_file(c, s, m))
		return false;
	if (object)
		*object = m->file->path;
	if (elfinfo_bias(m->file->ei, m->start, m->offset, &bias) < 0)
		return false;
	name = elfinfo_symbolize(m->file->ei, addr - bias, &off);
	if (!name)
		return false;
	if (off)
		snprintf(buf, size, "%s+0x%" PRIx64, name, off);
	else
		snprintf(buf, size, "%s", name);
	return true;
}

void plt_files_free(struct plt_ctx *c)
{
	while (c->files) {
		struct plt_file *f = c->files;

		c->files = f->next;
		elfinfo_close(f->ei);
		free(f->path);
		free(f);
	}
}
