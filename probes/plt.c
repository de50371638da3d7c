/* plt.c - the PLT observer: plant int3 at PLT stubs and GOT call sites, emit one plt event per call. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <sched.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/sysmacros.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <unistd.h>

#include "elfinfo/elfinfo.h"
#include "probes/plt.h"
#include "proc/procfs.h"

#define PLT_INT3 0xcc
#define PLT_SYM_MAX 128
#define PLT_PROC_BUCKETS 1024

/* What a breakpoint emulates when hit. */
enum plt_bp_kind {
	PBK_JMP,	/* stub or tail call: rip = *got */
	PBK_CALL,	/* call *got(%rip): push the return address, rip = *got */
	PBK_RBRK,	/* ld.so's _dl_debug_state (a bare ret): rescan the maps */
};

/* An ELF file seen in some process, parsed once (keyed by device and inode). */
struct plt_file {
	dev_t dev;
	ino_t ino;
	char *path;
	struct elfinfo *ei;	/* NULL: not a parsable ELF file */
	struct plt_file *next;
};

/* One planted (or once planted) int3. */
struct plt_bp {
	uint64_t addr, got, got_init, next;
	const char *symbol;
	struct plt_file *file;	/* the object whose PLT/code holds it */
	enum plt_bp_kind kind;
	uint8_t orig;
	bool planted;
	/* The last resolution of target and caller: calls repeat. */
	uint64_t last_target, last_caller;
	char tsym[PLT_SYM_MAX], csym[PLT_SYM_MAX];
	const char *tobj;
	bool have_target, have_caller, tsym_ok, csym_ok;
	/* Where the lazy resolver will send the first call, looked up once. */
	uint64_t lazy_target;
	const char *lazy_obj;
	bool lazy_tried, lazy_ok;
};

/* One file mapping of /proc/PID/maps. */
struct plt_map {
	uint64_t start, end, offset;
	bool exec;
	dev_t dev;
	ino_t ino;
	char *path;
	struct plt_file *file;	/* resolved on first use */
	bool tried;
};

/* An object planted at one load bias (dlclose + dlopen may move it). */
struct plt_done {
	struct plt_file *file;
	uint64_t bias;
};

/* An address space: shared by threads and CLONE_VM children. */
struct plt_space {
	int refs;
	pid_t pid;
	int memfd;		/* /proc/PID/mem, O_RDWR */
	struct plt_bp *bps;
	size_t n_bps, cap_bps;
	size_t *hash;		/* addr -> 1 + index into bps; 0 = empty */
	size_t hcap;
	struct plt_map *maps;	/* sorted by start */
	size_t n_maps;
	struct plt_done *done;	/* objects whose sites are planted */
	size_t n_done, cap_done;
	bool rbrk;		/* the ld.so breakpoint is planted */
	bool released;		/* bytes restored for a detach */
	dev_t exe_dev;		/* the executable: first in ld.so's search */
	ino_t exe_ino;
};

struct plt_procent {
	const struct proc *proc;
	struct plt_space *space;
	struct plt_procent *next;
};

struct plt_ctx {
	int mode;		/* PLT_MAIN or PLT_ALL */
	char **globs;		/* --plt-filter, NULL-terminated; NULL: all */
	struct plt_file *files;
	struct plt_procent *procs[PLT_PROC_BUCKETS];
};

/* ---- files ---- */

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

/* ---- maps ---- */

static void plt_maps_free(struct plt_space *s)
{
	for (size_t i = 0; i < s->n_maps; i++)
		free(s->maps[i].path);
	free(s->maps);
	s->maps = NULL;
	s->n_maps = 0;
}

/* Re-read /proc/PID/maps: the file mappings only. */
static int plt_maps_load(struct plt_space *s)
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

		if (sscanf(line, "%llx-%llx %7s %llx %x:%x %llu %n", &start, &end,
			   perm, &off, &maj, &min, &ino, &pos) < 7 || !pos)
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
			.start = start, .end = end, .offset = off,
			.exec = perm[2] == 'x', .dev = makedev(maj, min),
			.ino = (ino_t)ino, .path = strdup(path),
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
	return lo < s->n_maps && s->maps[lo].start <= addr ? &s->maps[lo] : NULL;
}

/* "name" or "name+0x2a" for addr, from the object mapped there. */
/* The object mapped at m, parsed on first use. */
static struct plt_file *plt_map_file(struct plt_ctx *c, struct plt_space *s,
				     struct plt_map *m)
{
	if (!m->tried) {
		m->tried = true;
		m->file = plt_file_get(c, s->pid, m);
	}
	return m->file;
}

static bool plt_symbolize(struct plt_ctx *c, struct plt_space *s,
			  uint64_t addr, char *buf, size_t size,
			  const char **object)
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

/* ---- memory ---- */

static int plt_mem_write(struct plt_space *s, pid_t tid, uint64_t addr,
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

static int plt_mem_read(struct plt_space *s, uint64_t addr, void *buf,
			size_t len)
{
	return s->memfd >= 0 &&
	       pread(s->memfd, buf, len, (off_t)addr) == (ssize_t)len ? 0 : -1;
}

/* ---- spaces ---- */

static struct plt_space *plt_space_new(pid_t pid)
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

static void plt_space_unref(struct plt_space *s)
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

static struct plt_bp *plt_bp_find(struct plt_space *s, uint64_t addr)
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
static struct plt_bp *plt_bp_add(struct plt_space *s, uint64_t addr)
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

/* Replace the first byte with int3, remembering it. */
static void plt_bp_plant(struct plt_space *s, pid_t tid, struct plt_bp *bp)
{
	uint8_t orig, int3 = PLT_INT3;

	if (plt_mem_read(s, bp->addr, &orig, 1) < 0 || orig == PLT_INT3)
		return;
	bp->orig = orig;
	if (plt_mem_write(s, tid, bp->addr, &int3, 1) == 0)
		bp->planted = true;
}

/* A deep copy for a fork child: its memory holds the same int3 bytes. */
static struct plt_space *plt_space_copy(const struct plt_space *src, pid_t pid)
{
	struct plt_space *s = plt_space_new(pid);

	if (!s)
		return NULL;
	s->bps = malloc((src->cap_bps ? src->cap_bps : 1) * sizeof(*s->bps));
	s->hash = calloc(src->hcap ? src->hcap : 1, sizeof(*s->hash));
	s->done = malloc((src->cap_done ? src->cap_done : 1) * sizeof(*s->done));
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

/* ---- which process uses which space ---- */

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

static struct plt_space *plt_space_of(struct plt_ctx *c, const struct proc *p)
{
	struct plt_procent **e;

	if (!p)
		return NULL;
	e = plt_procent_ref(c, p);
	return *e ? (*e)->space : NULL;
}

/* Bind p to space (taking over one reference), dropping any old binding. */
static void plt_space_bind(struct plt_ctx *c, const struct proc *p,
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

/* ---- planting ---- */

static bool plt_wanted(const struct plt_ctx *c, const char *symbol)
{
	if (!c->globs)
		return true;
	for (char **g = c->globs; *g; g++)
		if (fnmatch(*g, symbol, 0) == 0)
			return true;
	return false;
}

static bool plt_done(struct plt_space *s, struct plt_file *f, uint64_t bias)
{
	for (size_t i = 0; i < s->n_done; i++)
		if (s->done[i].file == f && s->done[i].bias == bias)
			return true;
	return false;
}

/* ld.so's r_brk hook: a function that only returns (maybe after endbr64). */
static void plt_plant_rbrk(struct plt_space *s, pid_t tid,
			   const struct plt_map *m, uint64_t bias)
{
	const struct elfinfo *ei = m->file->ei;
	const uint8_t *code;
	struct plt_bp *bp;
	uint64_t at;

	if (s->rbrk || elfinfo_symbol_addr(ei, "_dl_debug_state", &at) < 0)
		return;
	code = elfinfo_vaddr_bytes(ei, at, 5);
	if (!code || !(code[0] == 0xc3 ||
		       (code[0] == 0xf3 && code[1] == 0x0f && code[2] == 0x1e &&
			code[3] == 0xfa && code[4] == 0xc3)))
		return;
	bp = plt_bp_add(s, at + bias);
	if (!bp)
		return;
	bp->kind = PBK_RBRK;
	bp->symbol = "_dl_debug_state";
	bp->file = m->file;
	plt_bp_plant(s, tid, bp);
	s->rbrk = bp->planted;
}

/* Plant every wanted site of the object mapped by m. */
static void plt_plant_object(struct plt_ctx *c, struct plt_space *s, pid_t tid,
			     struct plt_map *m)
{
	const struct elfinfo_site *sites;
	uint64_t bias;
	size_t n;

	if (!m->tried) {
		m->tried = true;
		m->file = plt_file_get(c, s->pid, m);
	}
	if (!m->file || !m->file->ei ||
	    elfinfo_bias(m->file->ei, m->start, m->offset, &bias) < 0 ||
	    plt_done(s, m->file, bias))
		return;
	if (s->n_done == s->cap_done) {
		size_t cap = s->cap_done ? s->cap_done * 2 : 16;
		struct plt_done *nd = realloc(s->done, cap * sizeof(*nd));

		if (!nd)
			return;
		s->done = nd;
		s->cap_done = cap;
	}
	s->done[s->n_done++] = (struct plt_done){ m->file, bias };
	if (c->mode == PLT_ALL)
		plt_plant_rbrk(s, tid, m, bias);
	n = elfinfo_sites(m->file->ei, &sites);
	for (size_t i = 0; i < n; i++) {
		struct plt_bp *bp;

		if (!plt_wanted(c, sites[i].symbol))
			continue;
		bp = plt_bp_add(s, sites[i].addr + bias);
		if (!bp)
			continue;
		bp->kind = sites[i].kind == ELFINFO_CALL ? PBK_CALL : PBK_JMP;
		bp->got = sites[i].got + bias;
		bp->got_init = sites[i].got_init ? sites[i].got_init + bias : 0;
		bp->next = sites[i].next + bias;
		bp->symbol = sites[i].symbol;
		bp->file = m->file;
		plt_bp_plant(s, tid, bp);
	}
}

/* The exe's mapping (offset 0 of /proc/PID/exe's file), or NULL. */
static struct plt_map *plt_exe_map(struct plt_space *s, const char *exe)
{
	for (size_t i = 0; i < s->n_maps; i++)
		if (s->maps[i].offset == 0 && strcmp(s->maps[i].path, exe) == 0)
			return &s->maps[i];
	return NULL;
}

/* Plant what the mode asks for in every object mapped now. */
static void plt_plant_all(struct plt_ctx *c, struct plt_space *s, pid_t tid)
{
	for (size_t i = 0; i < s->n_maps; i++)
		if (s->maps[i].offset == 0 || s->maps[i].exec)
			plt_plant_object(c, s, tid, &s->maps[i]);
}

/* A new image (exec, or attach): a fresh space, planted. */
static void plt_space_start(struct plt_ctx *c, struct task *task)
{
	struct proc *proc = task->proc;
	struct plt_space *s;
	struct plt_map *em;
	char exe[4096];

	if (!proc)
		return;
	s = plt_space_new(proc->pid);
	if (!s)
		return;
	plt_space_bind(c, proc, s);
	if (plt_maps_load(s) < 0 || procfs_exe(task->tid, exe, sizeof(exe)) < 0)
		return;
	em = plt_exe_map(s, exe);
	if (!em)
		return;
	s->exe_dev = em->dev;
	s->exe_ino = em->ino;
	em->tried = true;
	em->file = plt_file_get(c, s->pid, em);
	if (em->file && em->file->ei && !elfinfo_has_interp(em->file->ei)) {
		fprintf(stderr, "proctrace: %s: statically linked, no PLT to trace\n",
			exe);
		return;
	}
	if (c->mode == PLT_ALL)
		plt_plant_all(c, s, task->tid);
	else
		plt_plant_object(c, s, task->tid, em);
}

/* ---- hooks ---- */

static void plt_attach_done(void *ctx, struct tracer *t)
{
	struct plt_ctx *c = ctx;
	struct proc *p;
	size_t b;

	/* Every thread of every process is seized: plant once per process. */
	for (p = tasks_first_proc(&t->tasks, &b); p;
	     p = tasks_next_proc(&t->tasks, &b, p))
		if (p->threads && !plt_space_of(c, p))
			plt_space_start(c, p->threads);
}

static void plt_execed(void *ctx, struct tracer *t, struct task *task)
{
	(void)t;
	/* The old image and every int3 in it are gone (note 13). */
	plt_space_start(ctx, task);
}

static void plt_cloned(void *ctx, struct tracer *t, struct task *parent,
		       struct task *child, const struct ev_clone *cl)
{
	struct plt_ctx *c = ctx;
	struct plt_space *s = plt_space_of(c, parent->proc);

	(void)t;
	if (!s || cl->thread || !child->proc || child->proc == parent->proc)
		return;
	if (cl->flags & CLONE_VM) {
		/* vfork and friends: one memory, one table. */
		s->refs++;
		plt_space_bind(c, child->proc, s);
		return;
	}
	/* fork: the child inherited every int3 byte (note 11). */
	plt_space_bind(c, child->proc, plt_space_copy(s, child->proc->pid));
}

/* bp's symbol in the object mapped at m: 0 and *addr, or -1. */
static int plt_lazy_in(struct plt_ctx *c, struct plt_space *s,
		       struct plt_map *m, const struct plt_bp *bp, uint64_t *addr)
{
	struct plt_file *f = plt_map_file(c, s, m);
	uint64_t bias, vaddr;

	if (!f || !f->ei ||
	    elfinfo_bias(f->ei, m->start, m->offset, &bias) < 0 ||
	    elfinfo_export_addr(f->ei, bp->symbol, &vaddr, NULL) < 0)
		return -1;
	*addr = bias + vaddr;
	return 0;
}

/*
 * The function the lazy resolver will bind bp's slot to: the first
 * definition in the executable, then in the objects in the order their
 * first mapping appears in /proc/PID/maps (an approximation of the link
 * map's order).  An IFUNC gives its resolver: the implementation is
 * chosen only when the call binds.
 */
static void plt_lazy_resolve(struct plt_ctx *c, struct plt_space *s,
			     struct plt_bp *bp)
{
	bp->lazy_tried = true;
	for (int pass = 0; pass < 2 && !bp->lazy_ok; pass++)
		for (size_t i = 0; i < s->n_maps && !bp->lazy_ok; i++) {
			struct plt_map *m = &s->maps[i];
			bool exe = m->dev == s->exe_dev && m->ino == s->exe_ino;

			if (m->offset != 0 || exe != (pass == 0))
				continue;
			if (plt_lazy_in(c, s, m, bp, &bp->lazy_target) == 0) {
				bp->lazy_ok = true;
				bp->lazy_obj = m->file->path;
			}
		}
}

/* Resolve and emit one call through bp; fills *target. */
static void plt_report(struct plt_ctx *c, struct tracer *t, struct task *task,
		       struct plt_space *s, struct plt_bp *bp, uint64_t target,
		       uint64_t caller)
{
	struct pt_event ev = { .kind = EV_PLT };
	struct ev_plt *p = &ev.u.plt;

	if (!emit_wants(t, EV_PLT))
		return;
	if (!bp->have_target || bp->last_target != target) {
		bp->have_target = true;
		bp->last_target = target;
		bp->tsym_ok = plt_symbolize(c, s, target, bp->tsym,
					    sizeof(bp->tsym), &bp->tobj);
	}
	if (!bp->have_caller || bp->last_caller != caller) {
		bp->have_caller = true;
		bp->last_caller = caller;
		bp->csym_ok = plt_symbolize(c, s, caller, bp->csym,
					    sizeof(bp->csym), NULL);
	}
	p->symbol = bp->symbol;
	p->object = bp->file->path;
	p->plt = bp->addr;
	p->got = bp->got;
	p->target = target;
	p->target_sym = bp->tsym_ok ? bp->tsym : NULL;
	p->target_object = bp->tobj;
	/* Still the file's value: the slot leads to the lazy resolver. */
	p->bound = !(bp->got_init && target == bp->got_init);
	if (!p->bound && !bp->lazy_tried)
		plt_lazy_resolve(c, s, bp);
	if (!p->bound && bp->lazy_ok) {
		/* Report where the resolver will go, not the stub's push. */
		p->target = bp->lazy_target;
		p->target_sym = bp->symbol;
		p->target_object = bp->lazy_obj;
	}
	p->caller = caller;
	p->caller_sym = bp->csym_ok ? bp->csym : NULL;
	emit_task_event(t, task, &ev);
}

/* ld.so announced a change of the link map: plant in new objects. */
static void plt_rescan(struct plt_ctx *c, struct plt_space *s, pid_t tid)
{
	if (plt_maps_load(s) == 0)
		plt_plant_all(c, s, tid);
}

static bool plt_trap(void *ctx, struct tracer *t, struct task *task,
		     const siginfo_t *si)
{
	struct plt_ctx *c = ctx;
	struct plt_space *s = plt_space_of(c, task->proc);
	struct user_regs_struct regs;
	uint64_t words[2];	/* the GOT slot, the word at rsp */
	struct iovec local[2] = { { &words[0], 8 }, { &words[1], 8 } };
	struct iovec remote[2];
	struct plt_bp *bp;

	/* An int3 reports SI_KERNEL; a user's kill/raise of SIGTRAP does not (note 6). */
	if (!s || si->si_code != SI_KERNEL ||
	    ptrace(PTRACE_GETREGS, task->tid, 0, &regs) < 0)
		return false;
	bp = plt_bp_find(s, regs.rip - 1);
	if (!bp)
		return false;
	remote[0] = (struct iovec){ (void *)(uintptr_t)bp->got, 8 };
	remote[1] = (struct iovec){ (void *)(uintptr_t)regs.rsp, 8 };
	if (bp->kind == PBK_RBRK)
		remote[0] = remote[1];
	if (process_vm_readv(task->tid, local, 2, remote, 2, 0) != 16) {
		/* Cannot emulate: run the original instruction, untraced from now on. */
		if (bp->planted)
			plt_mem_write(s, task->tid, bp->addr, &bp->orig, 1);
		bp->planted = false;
		regs.rip = bp->addr;
		ptrace(PTRACE_SETREGS, task->tid, 0, &regs);
		return true;
	}
	switch (bp->kind) {
	case PBK_RBRK:
		/* Emulate its ret, then look at what is mapped now. */
		regs.rip = words[1];
		regs.rsp += 8;
		plt_rescan(c, s, task->tid);
		break;
	case PBK_JMP:
		/* Emulate the jmp instead of stepping over it (note 28). */
		plt_report(c, t, task, s, bp, words[0], words[1]);
		regs.rip = words[0];
		break;
	case PBK_CALL:
		plt_report(c, t, task, s, bp, words[0], bp->next);
		if (plt_mem_write(s, task->tid, regs.rsp - 8, &bp->next, 8) < 0)
			return false;
		regs.rsp -= 8;
		regs.rip = words[0];
		break;
	}
	if (ptrace(PTRACE_SETREGS, task->tid, 0, &regs) < 0)
		return false;
	return true;
}

static void plt_releasing(void *ctx, struct tracer *t, struct task *task)
{
	struct plt_ctx *c = ctx;
	struct plt_space *s = plt_space_of(c, task->proc);
	struct user_regs_struct regs;
	struct plt_bp *bp;

	(void)t;
	if (!s)
		return;
	if (!s->released) {
		/* Never leave an int3 behind: the program would die of SIGTRAP. */
		for (size_t i = 0; i < s->n_bps; i++)
			if (s->bps[i].planted &&
			    plt_mem_write(s, task->tid, s->bps[i].addr,
					  &s->bps[i].orig, 1) == 0)
				s->bps[i].planted = false;
		s->released = true;
	}
	/* Stopped just past one of our int3s: run the restored instruction. */
	if (ptrace(PTRACE_GETREGS, task->tid, 0, &regs) == 0 &&
	    (bp = plt_bp_find(s, regs.rip - 1)) && !bp->planted) {
		regs.rip = bp->addr;
		ptrace(PTRACE_SETREGS, task->tid, 0, &regs);
	}
}

static void plt_proc_gone(void *ctx, struct tracer *t, struct proc *proc)
{
	(void)t;
	plt_space_bind(ctx, proc, NULL);
}

static void plt_finish(void *ctx, struct tracer *t)
{
	struct plt_ctx *c = ctx;

	(void)t;
	for (size_t b = 0; b < PLT_PROC_BUCKETS; b++)
		while (c->procs[b]) {
			struct plt_procent *e = c->procs[b];

			c->procs[b] = e->next;
			plt_space_unref(e->space);
			free(e);
		}
	while (c->files) {
		struct plt_file *f = c->files;

		c->files = f->next;
		elfinfo_close(f->ei);
		free(f->path);
		free(f);
	}
	free(c->globs);
	free(c);
}

static const struct observer_ops plt_ops = {
	.name = "plt",
	.attach_done = plt_attach_done,
	.cloned = plt_cloned,
	.execed = plt_execed,
	.trap = plt_trap,
	.releasing = plt_releasing,
	.proc_gone = plt_proc_gone,
	.finish = plt_finish,
};

/* Split "a*,b" into a NULL-terminated vector in one block. */
static char **plt_split_globs(const char *list)
{
	size_t n = 2, len = strlen(list);
	char **v, *s;

	for (const char *p = list; *p; p++)
		n += *p == ',';
	v = malloc(n * sizeof(*v) + len + 1);
	if (!v)
		return NULL;
	s = memcpy((char *)(v + n), list, len + 1);
	n = 0;
	for (char *tok = strtok(s, ","); tok; tok = strtok(NULL, ","))
		v[n++] = tok;
	v[n] = NULL;
	return v;
}

int plt_register(struct tracer *t, const struct trace_opts *o)
{
	struct plt_ctx *c;

	if (o->plt == PLT_OFF)
		return 0;
	c = calloc(1, sizeof(*c));
	if (!c || (o->plt_filter && !(c->globs = plt_split_globs(o->plt_filter)))) {
		free(c);
		fprintf(stderr, "proctrace: out of memory\n");
		return -1;
	}
	c->mode = o->plt;
	if (observers_add(&t->obs, &plt_ops, c) < 0) {
		fprintf(stderr, "proctrace: too many observers for --plt\n");
		plt_finish(c, t);
		return -1;
	}
	return 0;
}
