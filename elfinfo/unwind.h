/* unwind.h - call stacks of stopped tracees: libunwind-ptrace to walk, libdw to name the frames. */
#ifndef PROCTRACE_UNWIND_H
#define PROCTRACE_UNWIND_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* One frame of a walked stack; the strings belong to the struct unwind. */
struct unwind_frame {
	uint64_t ip;
	const char *sym; /* NULL if unknown */
	uint64_t off; /* into sym, else into the module file */
	const char *module; /* the mapped file; NULL if unknown */
	const char *file; /* source file; NULL if no debug info */
	int line;
};

/* Opaque: the per-module symbol cache and the per-process unwind state. */
struct unwind;

struct unwind *unwind_new(void);
/* Frees everything; strings of frames handed out before become invalid. */
void unwind_free(struct unwind *u);
/*
 * Walk the stack of thread tid of process pid, which must be in a
 * ptrace-stop; fill at most max frames, innermost first, and return how
 * many.  Frame strings (sym, module, file) are owned by u and stay valid
 * until unwind_free: modules are cached by file, never per event.
 * A symbol is given only when the address lies inside its extent; else the
 * frame has sym NULL and off = the address inside the module file.
 */
size_t unwind_thread(struct unwind *u, pid_t pid, pid_t tid,
		     struct unwind_frame *out, size_t max);
/* The address space of pid changed (exec) or is gone: drop its state. */
void unwind_forget(struct unwind *u, pid_t pid);
/* Something was mapped or unmapped in pid: read maps again, flush rules. */
void unwind_maps_changed(struct unwind *u, pid_t pid);

#endif
