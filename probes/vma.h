/* vma.h - address spaces as /proc/PID/maps shows them, and what changed between two readings. */
#ifndef PROCTRACE_VMA_H
#define PROCTRACE_VMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "event/event.h"

/* One mapping of a reading; r.path points into the reading's text. */
struct vma_reg {
	struct ev_region r;
	uint64_t dev, inode;
};

/* One reading of /proc/PID/maps: the text and the regions parsed from it. */
struct vma_snap {
	char *text;
	size_t len, cap;
	struct vma_reg *reg;
	size_t n, rcap;
};

/* The changes between two readings, one list per operation. */
struct vma_diff {
	struct ev_region
		*list[4]; /* indexed by enum vma_op (VO_SNAPSHOT unused) */
	size_t n[4], cap[4];
};

/*
 * One address space: threads and CLONE_VM children share it (and its last
 * reading), so a change is seen once, by the task whose syscall made it.
 */
struct vma_space {
	int refs;
	bool valid; /* cur holds a reading */
	struct vma_snap cur, next;
};

struct vma_space *vma_space_new(void);
void vma_space_ref(struct vma_space *s);
void vma_space_unref(struct vma_space *s);

/* Read /proc/TID/maps into snap (reusing its memory); 0, or -1 (errno). */
int vma_snap_read(struct vma_snap *snap, pid_t tid);
/* Parse text[0..len) into snap (text is copied); for tests. */
int vma_snap_parse(struct vma_snap *snap, const char *text, size_t len);
void vma_snap_free(struct vma_snap *snap);

/*
 * Compare two readings by address, piece by piece (the kernel may merge and
 * split VMAs freely): only in old = unmap; only in new, or backed by another
 * file/offset = map; same backing, other permissions = protect.  Adjacent
 * pieces of one kind and backing are merged.  Flags wx on every writable and
 * executable piece, exec_new on file pieces that became executable.
 * Returns 0, or -1 when out of memory.
 */
int vma_diff_compute(struct vma_diff *d, const struct vma_snap *old,
		     const struct vma_snap *now);
void vma_diff_free(struct vma_diff *d);

/* Re-read the space's maps through tid, discarding what changed. */
int vma_space_refresh(struct vma_space *s, pid_t tid);
/*
 * Read again through tid and diff against the last reading into d; the
 * new reading becomes the last one after vma_space_commit (so that paths
 * of unmapped regions stay valid until the events are out).
 */
int vma_space_update(struct vma_space *s, pid_t tid, struct vma_diff *d);
void vma_space_commit(struct vma_space *s);

#endif
