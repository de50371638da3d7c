/* plt_impl.h - the PLT observer's types, shared by probes/plt*.c only. */
#ifndef PROCTRACE_PLT_IMPL_H
#define PROCTRACE_PLT_IMPL_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "probes/plt.h"

#define PLT_INT3 0xcc
#define PLT_SYM_MAX 128
#define PLT_PROC_BUCKETS 1024

/* What a breakpoint emulates when hit. */
enum plt_bp_kind {
	PBK_JMP, /* stub or tail call: rip = *got */
	PBK_CALL, /* call *got(%rip): push the return address, rip = *got */
	PBK_RBRK, /* ld.so's _dl_debug_state (a bare ret): rescan the maps */
};

/* An ELF file seen in some process, parsed once (keyed by device and inode). */
struct plt_file {
	dev_t dev;
	ino_t ino;
	char *path;
	struct elfinfo *ei; /* NULL: not a parsable ELF file */
	struct plt_file *next;
};

/* One planted (or once planted) int3. */
struct plt_bp {
	uint64_t addr, got, got_init, next;
	const char *symbol;
	struct plt_file *file; /* the object whose PLT/code holds it */
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
	struct plt_file *file; /* resolved on first use */
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
	int memfd; /* /proc/PID/mem, O_RDWR */
	struct plt_bp *bps;
	size_t n_bps, cap_bps;
	size_t *hash; /* addr -> 1 + index into bps; 0 = empty */
	size_t hcap;
	struct plt_map *maps; /* sorted by start */
	size_t n_maps;
	struct plt_done *done; /* objects whose sites are planted */
	size_t n_done, cap_done;
	bool rbrk; /* the ld.so breakpoint is planted */
	bool released; /* bytes restored for a detach */
	dev_t exe_dev; /* the executable: first in ld.so's search */
	ino_t exe_ino;
};

/* Which space a process uses (a bucket chain of plt_ctx.procs). */
struct plt_procent {
	const struct proc *proc;
	struct plt_space *space;
	struct plt_procent *next;
};

/* The observer: its options, the parsed files, the process bindings. */
struct plt_ctx {
	int mode; /* PLT_MAIN or PLT_ALL */
	char **globs; /* --plt-filter, NULL-terminated; NULL: all */
	struct plt_file *files;
	struct plt_procent *procs[PLT_PROC_BUCKETS];
};

/* ---- plt_maps.c: mapped files and the ELF view of each ---- */

void plt_maps_free(struct plt_space *s);
/* Re-read /proc/PID/maps (file mappings only); 0, or -1 if unreadable. */
int plt_maps_load(struct plt_space *s);
/* The object mapped at m, parsed on first use; NULL if it cannot be. */
struct plt_file *plt_map_file(struct plt_ctx *c, struct plt_space *s,
			      struct plt_map *m);
/* "name" or "name+0x2a" for addr into buf; *object (may be NULL) its file. */
bool plt_symbolize(struct plt_ctx *c, struct plt_space *s, uint64_t addr,
		   char *buf, size_t size, const char **object);
/* Close every parsed file of c. */
void plt_files_free(struct plt_ctx *c);

/* ---- plt_space.c: address spaces, their memory and breakpoint tables ---- */

int plt_mem_write(struct plt_space *s, pid_t tid, uint64_t addr,
		  const void *buf, size_t len);
int plt_mem_read(struct plt_space *s, uint64_t addr, void *buf, size_t len);
struct plt_space *plt_space_new(pid_t pid);
void plt_space_unref(struct plt_space *s);
/* A deep copy for a fork child: its memory holds the same int3 bytes. */
struct plt_space *plt_space_copy(const struct plt_space *src, pid_t pid);
struct plt_bp *plt_bp_find(struct plt_space *s, uint64_t addr);
/* A new table entry (not planted yet); NULL if addr is known or no memory. */
struct plt_bp *plt_bp_add(struct plt_space *s, uint64_t addr);
/* The space process p uses, or NULL (p may be NULL). */
struct plt_space *plt_space_of(struct plt_ctx *c, const struct proc *p);
/* Bind p to space (taking over one reference), dropping any old binding. */
void plt_space_bind(struct plt_ctx *c, const struct proc *p,
		    struct plt_space *space);
/* Drop every binding of c. */
void plt_spaces_free(struct plt_ctx *c);

/* ---- plt_plant.c: planting and removing breakpoints ---- */

/*
 * A new image (exec, or attach): a fresh space for task's process,
 * planted; a static executable gets a notice event instead.
 */
void plt_space_start(struct plt_ctx *c, struct tracer *t, struct task *task);
/* ld.so announced a change of the link map: plant in new objects. */
void plt_rescan(struct plt_ctx *c, struct plt_space *s, pid_t tid);
/* Restore every planted byte of s (once), through tid. */
void plt_unplant_all(struct plt_space *s, pid_t tid);

/* ---- plt_hit.c: a hit, emulated, and its plt event ---- */

bool plt_trap(void *ctx, struct tracer *t, struct task *task,
	      const siginfo_t *si);

#endif
