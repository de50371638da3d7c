/* unwind_mem.h - libunwind-ptrace's accessors, with memory read a page at a time and registers once per walk. */
#ifndef PROCTRACE_UNWIND_MEM_H
#define PROCTRACE_UNWIND_MEM_H

#include <libunwind-ptrace.h>
#include <sys/types.h>

/*
 * _UPT_accessors with access_mem and access_reg replaced: a word is read
 * from a page fetched with one process_vm_readv (not a PTRACE_PEEKDATA per
 * word: the unwind tables' binary search and the CIE/FDE parsing read many
 * words of a few pages), the registers with one PTRACE_GETREGS.  Anything
 * these cannot read goes to libunwind-ptrace's own accessor.
 */
unw_accessors_t *unwind_mem_accessors(void);
/*
 * One walk of thread tid (stopped) through upt, the _UPT_create(tid) handle
 * passed to unw_init_remote, begins: what was cached for the last walk is
 * dropped (the tracee ran since).
 */
void unwind_mem_begin(pid_t tid, void *upt);

#endif
