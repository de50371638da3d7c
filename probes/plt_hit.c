/* plt_hit.c - an int3 of ours was hit: emulate it, emit the plt event. */
#include "config.h"

#include <signal.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/user.h>

#include "elfinfo/elfinfo.h"
#include "probes/plt_impl.h"

/* bp's symbol in the object mapped at m: 0 and *addr, or -1. */
static int plt_lazy_in(struct plt_ctx *c, struct plt_space *s,
		       struct plt_map *m, const struct plt_bp *bp,
		       uint64_t *addr)
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

bool plt_trap(void *ctx, struct tracer *t, struct task *task,
	      const siginfo_t *si)
{
	struct plt_ctx *c = ctx;
	struct plt_space *s = plt_space_of(c, task->proc);
	struct user_regs_struct regs;
	uint64_t words[2]; /* the GOT slot, the word at rsp */
	struct iovec local[2] = { { &words[0], 8 }, { &words[1], 8 } };
	struct iovec remote[2];
	struct plt_bp *bp;

	/*
	 * An int3 reports SI_KERNEL; a user's kill/raise of SIGTRAP does not
	 * (doc/ptrace-notes.md, "breakpoint or user SIGTRAP").
	 */
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
		/*
		 * Emulate the jmp instead of stepping over it
		 * (doc/ptrace-notes.md, "stepping past a breakpoint").
		 */
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
