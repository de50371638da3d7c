/* unwind_mem.c - libunwind accessors reading a stopped tracee through a per-walk page cache. */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/user.h>

#include "elfinfo/unwind_mem.h"

#define MEM_PAGE 4096u
#define MEM_PAGES 16

/*
 * The walk in progress.  It cannot travel in libunwind's arg: the UPT
 * handle is that arg, and libunwind-ptrace hands it on to the accessors it
 * calls itself (the unwind table search inside _UPT_find_proc_info), so a
 * wrapper of our own would reach _UPT_* functions that expect theirs.  The
 * tracer walks one stack at a time, so one static walk is enough.
 */
static struct {
	void *upt;
	pid_t tid;
	size_t used, next; /* pages filled; the one to replace next */
	uint64_t base[MEM_PAGES];
	unsigned char page[MEM_PAGES][MEM_PAGE];
#ifdef __x86_64__
	bool regs_ok;
	struct user_regs_struct regs;
#endif
} walk;

void unwind_mem_begin(pid_t tid, void *upt)
{
	walk.upt = upt;
	walk.tid = tid;
	walk.used = walk.next = 0;
#ifdef __x86_64__
	walk.regs_ok = false;
#endif
}

/* The cached page holding base, fetched if needed; NULL if unreadable. */
static const unsigned char *mem_page(uint64_t base)
{
	struct iovec local, remote;
	size_t i;

	for (i = 0; i < walk.used; i++)
		if (walk.base[i] == base)
			return walk.page[i];
	i = walk.used < MEM_PAGES ? walk.used++ : walk.next++ % MEM_PAGES;
	local = (struct iovec){ walk.page[i], MEM_PAGE };
	remote = (struct iovec){ (void *)(uintptr_t)base, MEM_PAGE };
	if (process_vm_readv(walk.tid, &local, 1, &remote, 1, 0) !=
	    (ssize_t)MEM_PAGE) {
		walk.base[i] = UINT64_MAX; /* never a page's base */
		return NULL;
	}
	walk.base[i] = base;
	return walk.page[i];
}

static int mem_access(unw_addr_space_t as, unw_word_t addr, unw_word_t *val,
		      int write, void *arg)
{
	uint64_t off = addr % MEM_PAGE;
	const unsigned char *pg;

	if (arg == walk.upt && !write && off <= MEM_PAGE - sizeof(*val) &&
	    (pg = mem_page(addr - off))) {
		memcpy(val, pg + off, sizeof(*val));
		return 0;
	}
	if (write)
		walk.used = 0; /* what we cached may be stale now */
	return _UPT_access_mem(as, addr, val, write, arg);
}

#ifdef __x86_64__
/* libunwind's x86_64 register numbers (DWARF's order) in the kernel's regs. */
static const size_t reg_offset[] = {
	[UNW_X86_64_RAX] = offsetof(struct user_regs_struct, rax),
	[UNW_X86_64_RDX] = offsetof(struct user_regs_struct, rdx),
	[UNW_X86_64_RCX] = offsetof(struct user_regs_struct, rcx),
	[UNW_X86_64_RBX] = offsetof(struct user_regs_struct, rbx),
	[UNW_X86_64_RSI] = offsetof(struct user_regs_struct, rsi),
	[UNW_X86_64_RDI] = offsetof(struct user_regs_struct, rdi),
	[UNW_X86_64_RBP] = offsetof(struct user_regs_struct, rbp),
	[UNW_X86_64_RSP] = offsetof(struct user_regs_struct, rsp),
	[UNW_X86_64_R8] = offsetof(struct user_regs_struct, r8),
	[UNW_X86_64_R9] = offsetof(struct user_regs_struct, r9),
	[UNW_X86_64_R10] = offsetof(struct user_regs_struct, r10),
	[UNW_X86_64_R11] = offsetof(struct user_regs_struct, r11),
	[UNW_X86_64_R12] = offsetof(struct user_regs_struct, r12),
	[UNW_X86_64_R13] = offsetof(struct user_regs_struct, r13),
	[UNW_X86_64_R14] = offsetof(struct user_regs_struct, r14),
	[UNW_X86_64_R15] = offsetof(struct user_regs_struct, r15),
	[UNW_X86_64_RIP] = offsetof(struct user_regs_struct, rip),
};

static int reg_access(unw_addr_space_t as, unw_regnum_t reg, unw_word_t *val,
		      int write, void *arg)
{
	if (arg == walk.upt && !write && reg >= 0 &&
	    (size_t)reg < sizeof(reg_offset) / sizeof(reg_offset[0])) {
		if (!walk.regs_ok &&
		    ptrace(PTRACE_GETREGS, walk.tid, 0, &walk.regs) == 0)
			walk.regs_ok = true;
		if (walk.regs_ok) {
			memcpy(val, (char *)&walk.regs + reg_offset[reg],
			       sizeof(*val));
			return 0;
		}
	}
	if (write)
		walk.regs_ok = false;
	return _UPT_access_reg(as, reg, val, write, arg);
}
#endif

unw_accessors_t *unwind_mem_accessors(void)
{
	static unw_accessors_t acc;

	if (!acc.access_mem) {
		acc = _UPT_accessors;
		acc.access_mem = mem_access;
#ifdef __x86_64__
		acc.access_reg = reg_access;
#endif
	}
	return &acc;
}
