/* plt_space.c - address spaces: memory, int3 table, process bindings. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <unistd.h>

#include "probes/plt_impl.h"

int plt_mem_write(struct plt_space *s, pid_t tid, uint64_t addr,
		  const void *buf, size_t len)
{
	if (s->memfd >= 0 &&
	    pwrite(s->memfd, buf, len, (off_t)addr) == (ssize_t)len)
		return 0;
	/* /proc/PID/mem gone (its pid exited, vfork): poke through tid. */
	for (size_t i = 0; i < len; i += sizeof(long)) {
		uint64_t a = addr + i;
		size_t k = len - i < sizeof(long) ? len - i : sizeof(long);
		long word;

		errno = 0;
		word = ptrace(PTRACE_PEEKDATA, tid, a, 0);
		if (errno)
			return -1;
		memcpy(&word, (const uint8_t *)buf + i, k);
		if (ptrace(PTRACE_POKEDATA, tid, a, word) < 0)
			return -1;
	}
	return 0;
}

int plt_mem_read(struct plt_space *s, uint64_t addr, void *buf, size_t len)
{
	return s->memfd >= 0 && pread(s->memfd, buf, len, (off_t)addr) ==
					(ssize_t)len ?
		       0 :
		       -1;
}

struct plt_space *plt_space_new(pid_t pid)
{
	struct plt_space *s = calloc(1, sizeof(*s));
	char name[32];

	if (!s)
		return NULL;
	s->refs = 1;
	s->pid = pid;
	snprintf(name, sizeof(name), "/proc/%d/mem", (int)pid);
	s->memfd = open(name, O_RDWR | O_CLOEXEC);
	return s;
}

void plt_space_unref(struct plt_space *s)
{
	if (!s || --s->refs > 0)
		return;
	if (s->memfd >= 0)
		close(s->memfd);
	plt_maps_free(s);
	free(s->bps);
	free(s->hash);
	free(s->done);
	free(s);
}

static size_t plt_hash_slot(const struct plt_space *s, uint64_t addr)
{
	size_t mask = s->hcap - 1;
	size_t i = (size_t)((addr * 0x9e3779b97f4a7c15ull) >> 20) & mask;

	while (s->hash[i] && s->bps[s->hash[i] - 1].addr != addr)
		i = (i + 1) & mask;
	return i;
}

struct plt_bp *plt_bp_find(struct plt_space *s, uint64_t addr)
{
	size_t i;

	if (!s->hcap)
		return NULL;
	i = plt_hash_slot(s, addr);
	return s->hash[i] ? &s->bps[s->hash[i] - 1] : NULL;
}

static int plt_hash_rebuild(struct plt_space *s, size_t cap)
{
	size_t *h = calloc(cap, sizeof(*h));

	if (!h)
		return -1;
	free(s->hash);
	s->hash = h;
	s->hcap = cap;
	for (size_t b = 0; b < s->n_bps; b++)
		s->hash[plt_hash_slot(s, s->bps[b].addr)] = b + 1;
	return 0;
}

/* A new table entry (not planted yet); NULL if addr is known or no memory. */
struct plt_bp *plt_bp_add(struct plt_space *s, uint64_t addr)
{
	struct plt_bp *bp;

	if (plt_bp_find(s, addr))
		return NULL;
	if (s->n_bps == s->cap_bps) {
		size_t cap = s->cap_bps ? s->cap_bps * 2 : 64;
		struct plt_bp *nb = realloc(s->bps, cap * sizeof(*nb));

		if (!nb)
			return NULL;
		s->bps = nb;
		s->cap_bps = cap;
	}
	if ((s->n_bps + 1) * 2 > s->hcap &&
	    plt_hash_rebuild(s, s->hcap ? s->hcap * 2 : 128) < 0)
		return NULL;
	bp = &s->bps[s->n_bps];
	memset(bp, 0, sizeof(*bp));
	bp->addr = addr;
	s->hash[plt_hash_slot(s, addr)] = ++s->n_bps;
	return bp;
}

/* A deep copy for a fork child: its memory holds the same int3 bytes. */
struct plt_space *plt_space_copy(const struct plt_space *src, pid_t pid)
{
	struct plt_space *s = plt_space_new(pid);

	if (!s)
		return NULL;
	s->bps = malloc((src->cap_bps ? src->cap_bps : 1) * sizeof(*s->bps));
	s->hash = calloc(src->hcap ? src->hcap : 1, sizeof(*s->hash));
	s->done =
		malloc((src->cap_done ? src->cap_done : 1) * sizeof(*s->done));
	if (!s->bps || !s->hash || !s->done) {
		plt_space_unref(s);
		return NULL;
	}
	memcpy(s->bps, src->bps, src->n_bps * sizeof(*s->bps));
	memcpy(s->hash, src->hash, src->hcap * sizeof(*s->hash));
	memcpy(s->done, src->done, src->n_done * sizeof(*s->done));
	s->n_bps = src->n_bps;
	s->cap_bps = src->cap_bps;
	s->hcap = src->hcap;
	s->n_done = src->n_done;
	s->cap_done = src->cap_done;
	s->rbrk = src->rbrk;
	s->released = src->released;
	s->exe_dev = src->exe_dev;
	s->exe_ino = src->exe_ino;
	plt_maps_load(s);
	return s;
}

static size_t plt_proc_bucket(const struct proc *p)
{
	return ((uintptr_t)p >> 4) % PLT_PROC_BUCKETS;
}

static struct plt_procent **plt_procent_ref(struct plt_ctx *c,
					    const struct proc *p)
{
	struct plt_procent **e = &c->procs[plt_proc_bucket(p)];

	while (*e && (*e)->proc != p)
		e = &(*e)->next;
	return e;
}

struct plt_space *plt_space_of(struct plt_ctx *c, const struct proc *p)
{
	struct plt_procent **e;

	if (!p)
		return NULL;
	e = plt_procent_ref(c, p);
	return *e ? (*e)->space : NULL;
}

/* Bind p to space (taking over one reference), dropping any old binding. */
void plt_space_bind(struct plt_ctx *c, const struct proc *p,
		    struct plt_space *space)
{
	struct plt_procent **e = plt_procent_ref(c, p);

	if (*e) {
		plt_space_unref((*e)->space);
		if (space) {
			(*e)->space = space;
		} else {
			struct plt_procent *dead = *e;

			*e = dead->next;
			free(dead);
		}
		return;
	}
	if (!space)
		return;
	*e = calloc(1, sizeof(**e));
	if (!*e) {
		plt_space_unref(space);
		return;
	}
	(*e)->proc = p;
	(*e)->space = space;
}

void plt_spaces_free(struct plt_ctx *c)
{
	for (size_t b = 0; b < PLT_PROC_BUCKETS; b++)
		while (c->procs[b]) {
			struct plt_procent *e = c->procs[b];

			c->procs[b] = e->next;
			plt_space_unref(e->space);
			free(e);
		}
}
