/* unwind.c - walk a tracee's stack with libunwind-ptrace, name frames with libdw, cached per module. */
#include "config.h"

#include <elfutils/libdwfl.h>
#include <fcntl.h>
#include <gelf.h>
#include <libunwind-ptrace.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "decode/decode.h"
#include "elfinfo/unwind.h"
#include "elfinfo/unwind_mem.h"

#define UNWIND_BUCKETS 256
#define UNWIND_SEGS 16
#define UNWIND_MEMO_MIN 64

/*
 * What one address of a module was named: libdw's symbol search is a
 * linear scan of the symbol table per lookup, and a process tree asks about
 * the same few hundred addresses (fork, exec, exit call sites) again and
 * again.  The strings are libdw's, valid while the module is.
 */
struct unwind_memo {
	uint64_t addr;
	bool used;
	const char *sym; /* NULL: no symbol spans addr */
	uint64_t soff;
	const char *file;
	int line;
};

/*
 * One ELF file, opened once for every process that maps it (a fork storm
 * of /bin/true opens libc once, not per process as strace -k does): its
 * symbols, line table and PT_LOAD segments, reported at base 0 so that its
 * addresses are the file's own.
 */
struct unwind_mod {
	uint64_t dev, ino;
	char *path;
	Dwfl *dwfl;
	Dwfl_Module *mod; /* NULL: not an ELF we could read */
	size_t nseg;
	struct {
		uint64_t off, filesz, vaddr;
	} seg[UNWIND_SEGS];
	struct unwind_memo *memo; /* open addressing, a power of two */
	size_t memo_cap, memo_used;
	struct unwind_mod *next;
};

/* One traced process: its libunwind address space and its last maps reading. */
struct unwind_proc {
	pid_t pid;
	unw_addr_space_t as;
	char *maps;
	size_t maps_len, maps_cap;
	bool maps_ok;
	struct unwind_proc *next;
};

struct unwind {
	struct unwind_mod *mods[UNWIND_BUCKETS];
	struct unwind_proc *procs[UNWIND_BUCKETS];
	Dwfl_Callbacks cb;
	char *debuginfo_path;
};

struct unwind *unwind_new(void)
{
	struct unwind *u = calloc(1, sizeof(*u));

	if (!u)
		return NULL;
	u->cb.find_elf = dwfl_build_id_find_elf;
	u->cb.find_debuginfo = dwfl_standard_find_debuginfo;
	u->cb.debuginfo_path = &u->debuginfo_path;
	return u;
}

static void proc_free(struct unwind_proc *p)
{
	if (p->as)
		unw_destroy_addr_space(p->as);
	free(p->maps);
	free(p);
}

void unwind_free(struct unwind *u)
{
	if (!u)
		return;
	for (size_t b = 0; b < UNWIND_BUCKETS; b++) {
		struct unwind_mod *m, *mn;
		struct unwind_proc *p, *pn;

		for (m = u->mods[b]; m; m = mn) {
			mn = m->next;
			if (m->dwfl)
				dwfl_end(m->dwfl);
			free(m->memo);
			free(m->path);
			free(m);
		}
		for (p = u->procs[b]; p; p = pn) {
			pn = p->next;
			proc_free(p);
		}
	}
	free(u);
}

static struct unwind_proc *proc_find(struct unwind *u, pid_t pid)
{
	struct unwind_proc *p = u->procs[(unsigned)pid % UNWIND_BUCKETS];

	while (p && p->pid != pid)
		p = p->next;
	return p;
}

void unwind_maps_changed(struct unwind *u, pid_t pid)
{
	struct unwind_proc *p = proc_find(u, pid);

	if (!p)
		return;
	/* Unwind rules cached for an unmapped object may now be another's. */
	p->maps_ok = false;
	unw_flush_cache(p->as, 0, 0);
}

void unwind_forget(struct unwind *u, pid_t pid)
{
	struct unwind_proc **pp = &u->procs[(unsigned)pid % UNWIND_BUCKETS], *p;

	for (; (p = *pp); pp = &p->next) {
		if (p->pid == pid) {
			*pp = p->next;
			proc_free(p);
			return;
		}
	}
}

static struct unwind_proc *proc_get(struct unwind *u, pid_t pid)
{
	struct unwind_proc **head = &u->procs[(unsigned)pid % UNWIND_BUCKETS],
			   *p;

	if ((p = proc_find(u, pid)))
		return p;
	p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->pid = pid;
	p->as = unw_create_addr_space(unwind_mem_accessors(), 0);
	if (!p->as) {
		free(p);
		return NULL;
	}
	/* Per process: cached unwind rules are only valid for one layout. */
	unw_set_caching_policy(p->as, UNW_CACHE_GLOBAL);
	p->next = *head;
	*head = p;
	return p;
}

static int proc_read_maps(struct unwind_proc *p)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)p->pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	p->maps_len = 0;
	for (;;) {
		ssize_t r;

		if (p->maps_cap - p->maps_len < 4096) {
			size_t cap = p->maps_cap ? p->maps_cap * 2 : 16384;
			char *n = realloc(p->maps, cap);

			if (!n)
				break;
			p->maps = n;
			p->maps_cap = cap;
		}
		r = read(fd, p->maps + p->maps_len, p->maps_cap - p->maps_len);
		if (r <= 0)
			break;
		p->maps_len += (size_t)r;
	}
	close(fd);
	p->maps_ok = true;
	return 0;
}

/* The mapping that holds ip, from the cached reading. */
static bool proc_find_map(struct unwind_proc *p, uint64_t ip,
			  struct decode_map *out)
{
	size_t pos = 0;

	while (decode_maps_next(p->maps, p->maps_len, &pos, out) == 1)
		if (ip >= out->start && ip < out->end)
			return true;
	return false;
}

static void mod_load_segments(struct unwind_mod *m)
{
	GElf_Addr bias;
	Elf *elf = dwfl_module_getelf(m->mod, &bias);
	size_t n;

	if (!elf || elf_getphdrnum(elf, &n) < 0)
		return;
	for (size_t i = 0; i < n && m->nseg < UNWIND_SEGS; i++) {
		GElf_Phdr ph;

		if (!gelf_getphdr(elf, (int)i, &ph) || ph.p_type != PT_LOAD)
			continue;
		m->seg[m->nseg].off = ph.p_offset;
		m->seg[m->nseg].filesz = ph.p_filesz;
		m->seg[m->nseg].vaddr = ph.p_vaddr;
		m->nseg++;
	}
}

/*
 * The file the tracee maps, not whatever has that path in our mount
 * namespace: map_files/ names the mapping itself (root only), root/ the
 * path as the tracee sees it.  The inode must be the one in maps.
 */
static int mod_open(pid_t pid, const struct decode_map *dm)
{
	char path[4200];
	struct stat sb;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/map_files/%llx-%llx", (int)pid,
		 (unsigned long long)dm->start, (unsigned long long)dm->end);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(path, sizeof(path), "/proc/%d/root%.*s", (int)pid,
			 (int)dm->path_len, dm->path);
		fd = open(path, O_RDONLY | O_CLOEXEC);
	}
	if (fd < 0)
		return -1;
	if (fstat(fd, &sb) < 0 || (uint64_t)sb.st_ino != dm->inode ||
	    ((uint64_t)major(sb.st_dev) << 32 | minor(sb.st_dev)) != dm->dev) {
		close(fd);
		return -1;
	}
	return fd;
}

static struct unwind_mod *mod_get(struct unwind *u, pid_t pid,
				  const struct decode_map *dm)
{
	size_t b = (size_t)((dm->inode ^ dm->dev) % UNWIND_BUCKETS);
	struct unwind_mod *m;
	int fd;

	for (m = u->mods[b]; m; m = m->next)
		if (m->ino == dm->inode && m->dev == dm->dev &&
		    strlen(m->path) == dm->path_len &&
		    memcmp(m->path, dm->path, dm->path_len) == 0)
			return m;
	m = calloc(1, sizeof(*m));
	if (!m)
		return NULL;
	m->dev = dm->dev;
	m->ino = dm->inode;
	m->path = strndup(dm->path, dm->path_len);
	if (!m->path) {
		free(m);
		return NULL;
	}
	m->dwfl = dwfl_begin(&u->cb);
	if (m->dwfl && (fd = mod_open(pid, dm)) >= 0) {
		dwfl_report_begin(m->dwfl);
		/* Consumes fd on success only. */
		m->mod = dwfl_report_elf(m->dwfl, m->path, m->path, fd, 0,
					 false);
		dwfl_report_end(m->dwfl, NULL, NULL);
		if (m->mod)
			mod_load_segments(m);
		else
			close(fd);
	}
	m->next = u->mods[b];
	u->mods[b] = m;
	return m;
}

static size_t memo_slot(const struct unwind_memo *memo, size_t cap,
			uint64_t addr)
{
	size_t i = (size_t)((addr * 0x9e3779b97f4a7c15ull) >> 32) & (cap - 1);

	while (memo[i].used && memo[i].addr != addr)
		i = (i + 1) & (cap - 1);
	return i;
}

/* Room for one more entry (kept at most half full); false if out of memory. */
static bool memo_reserve(struct unwind_mod *m)
{
	size_t cap = m->memo_cap ? m->memo_cap * 2 : UNWIND_MEMO_MIN;
	struct unwind_memo *n;

	if (m->memo_cap && (m->memo_used + 1) * 2 <= m->memo_cap)
		return true;
	if (!(n = calloc(cap, sizeof(*n))))
		return false;
	for (size_t i = 0; i < m->memo_cap; i++)
		if (m->memo[i].used)
			n[memo_slot(n, cap, m->memo[i].addr)] = m->memo[i];
	free(m->memo);
	m->memo = n;
	m->memo_cap = cap;
	return true;
}

/* libdw's names for addr (a file address of m), asked once per address. */
static const struct unwind_memo *mod_lookup(struct unwind_mod *m, uint64_t addr)
{
	struct unwind_memo *e;
	GElf_Off soff;
	GElf_Sym sym;
	const char *name;
	Dwfl_Line *line;
	int lineno;

	if (m->memo_cap) {
		e = &m->memo[memo_slot(m->memo, m->memo_cap, addr)];
		if (e->used)
			return e;
	}
	if (!memo_reserve(m))
		return NULL;
	e = &m->memo[memo_slot(m->memo, m->memo_cap, addr)];
	*e = (struct unwind_memo){ .addr = addr, .used = true };
	m->memo_used++;
	name = dwfl_module_addrinfo(m->mod, addr, &soff, &sym, NULL, NULL,
				    NULL);
	/*
	 * Only a symbol that spans the address: in a stripped library the
	 * nearest exported one before it would be a misleading name.
	 */
	if (name && sym.st_size > 0 && soff < sym.st_size) {
		e->sym = name;
		e->soff = soff;
	}
	line = dwfl_module_getsrc(m->mod, addr);
	if (line) {
		const char *file =
			dwfl_lineinfo(line, NULL, &lineno, NULL, NULL, NULL);

		if (file) {
			e->file = file;
			e->line = lineno;
		}
	}
	return e;
}

/* Fill f (ip already set) from the module that maps look (ip, or ip-1 for a return address). */
static void frame_name(struct unwind *u, struct unwind_proc *p, uint64_t look,
		       struct unwind_frame *f)
{
	struct decode_map dm;
	struct unwind_mod *m;
	const struct unwind_memo *e;
	uint64_t foff, addr;

	if (!p->maps_ok)
		proc_read_maps(p);
	if (!proc_find_map(p, look, &dm)) {
		/*
		 * Mapped since the last reading (dlopen): read once more, and
		 * drop unwind rules that may belong to what was there before.
		 */
		unw_flush_cache(p->as, 0, 0);
		if (proc_read_maps(p) < 0 || !proc_find_map(p, look, &dm))
			return;
	}
	if (!dm.path_len || !(m = mod_get(u, p->pid, &dm)))
		return;
	f->module = m->path;
	foff = dm.offset + (look - dm.start);
	f->off = foff + (f->ip - look);
	if (!m->mod)
		return;
	addr = foff;
	for (size_t i = 0; i < m->nseg; i++) {
		if (foff >= m->seg[i].off &&
		    foff < m->seg[i].off + m->seg[i].filesz) {
			addr = foff - m->seg[i].off + m->seg[i].vaddr;
			break;
		}
	}
	if (!(e = mod_lookup(m, addr)))
		return;
	if (e->sym) {
		f->sym = e->sym;
		f->off = e->soff + (f->ip - look);
	}
	f->file = e->file;
	f->line = e->line;
}

size_t unwind_thread(struct unwind *u, pid_t pid, pid_t tid,
		     struct unwind_frame *out, size_t max)
{
	struct unwind_proc *p = proc_get(u, pid);
	unw_cursor_t c;
	size_t n = 0;
	void *upt;

	if (!p || !max || !(upt = _UPT_create(tid)))
		return 0;
	unwind_mem_begin(tid, upt);
	if (unw_init_remote(&c, p->as, upt) < 0)
		goto out;
	do {
		unw_word_t ip;
		uint64_t look;

		if (unw_get_reg(&c, UNW_REG_IP, &ip) < 0 || ip == 0)
			break;
		memset(&out[n], 0, sizeof(out[n]));
		out[n].ip = ip;
		/*
		 * A return address points after the call: name the call.  Not
		 * so the innermost frame, nor a frame a signal interrupted
		 * (its ip came from the sigcontext and is exact).  libunwind
		 * 1.6 (x86_64) flags that interrupted frame itself as the
		 * signal frame, not the trampoline above it (checked by
		 * tests/inspect_stack.test with insp_sigframe).
		 */
		look = n > 0 && unw_is_signal_frame(&c) <= 0 ? ip - 1 : ip;
		frame_name(u, p, look, &out[n]);
		n++;
	} while (n < max && unw_step(&c) > 0);
out:
	_UPT_destroy(upt);
	return n;
}
