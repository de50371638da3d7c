/* inspect_vma.c - the vma part of inspect: what each memory syscall mapped, unmapped or protected. */
#include "config.h"

#include <linux/sched.h>
#include <string.h>
#include <sys/syscall.h>

#include "probes/inspect_priv.h"
#include "probes/stack.h"
#include "probes/vma.h"
#include "tracer/syscalls.h"

static struct vma_space *vma_space_of(struct inspect *ins, struct task *task)
{
	struct ins_proc *p;

	if (!task->proc || !(p = ins_proc_get(ins, task->proc, true)))
		return NULL;
	if (!p->as)
		p->as = vma_space_new();
	return p->as;
}

static void vma_emit(struct tracer *t, struct task *task, enum vma_op op,
		     const char *cause, const struct ev_region *r, size_t n)
{
	struct pt_event ev = { .kind = EV_VMA };

	ev.u.vma.op = op;
	ev.u.vma.cause = cause;
	ev.u.vma.regions = r;
	ev.u.vma.n_regions = n;
	emit_task_event(t, task, &ev);
}

/* A fresh address space (exec, attach): one snapshot event. */
void inspect_vma_snapshot(struct inspect *ins, struct tracer *t,
			  struct task *task, const char *cause)
{
	struct ins_proc *p;
	struct vma_space *as;
	struct vma_snap empty = { 0 };

	if (!task->proc || !(p = ins_proc_get(ins, task->proc, true)))
		return;
	/* exec leaves a shared (vfork, CLONE_VM) space: start a new one. */
	vma_space_unref(p->as);
	as = p->as = vma_space_new();
	if (!as || vma_space_update(as, task->tid, &ins->snap) < 0)
		return;
	/* Everything is new: the diff against nothing lists it as mapped. */
	if (vma_diff_compute(&ins->snap, &empty, &as->next) == 0) {
		for (size_t i = 0; i < ins->snap.n[VO_MAP]; i++)
			ins->snap.list[VO_MAP][i].exec_new = false;
		vma_emit(t, task, VO_SNAPSHOT, cause, ins->snap.list[VO_MAP],
			 ins->snap.n[VO_MAP]);
	}
	vma_space_commit(as);
}

static void vma_entry(void *ctx, struct tracer *t, struct task *task)
{
	struct vma_space *as = vma_space_of(ctx, task);

	(void)t;
	/* The last reading stands unless there is none (exit diffs against it). */
	if (as && !as->valid)
		vma_space_refresh(as, task->tid);
}

/* The main stack grew under a fault, not under this syscall: not its doing. */
static size_t vma_drop_stack_growth(struct ev_region *r, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		if (strcmp(r[i].path, "[stack]") != 0)
			r[k++] = r[i];
	return k;
}

static void vma_exit(struct inspect *ins, struct tracer *t, struct task *task,
		     int64_t rval, bool is_error, const char *cause)
{
	static const enum vma_op order[] = { VO_UNMAP, VO_MAP, VO_PROTECT };
	struct vma_space *as;
	struct vma_diff *d = &ins->diff;

	(void)rval;
	/* A failed call mapped nothing: no reading. */
	if (is_error || !(as = vma_space_of(ins, task)) ||
	    vma_space_update(as, task->tid, d) < 0)
		return;
	d->n[VO_MAP] = vma_drop_stack_growth(d->list[VO_MAP], d->n[VO_MAP]);
	for (size_t k = 0; k < sizeof(order) / sizeof(order[0]); k++)
		if (d->n[order[k]])
			vma_emit(t, task, order[k], cause, d->list[order[k]],
				 d->n[order[k]]);
	/* The unwinder's map of the process is out of date. */
	if (ins->stack && task->proc && (d->n[VO_UNMAP] || d->n[VO_MAP]))
		stack_maps_changed(ins->stack, task->proc->pid);
	vma_space_commit(as);
}

#define VMA_EXIT(fn)                                                          \
	static void fn##_exit(void *ctx, struct tracer *t, struct task *task, \
			      int64_t rval, bool is_error)                    \
	{                                                                     \
		vma_exit(ctx, t, task, rval, is_error, #fn);                  \
	}
VMA_EXIT(mmap)
VMA_EXIT(munmap)
VMA_EXIT(mprotect)
VMA_EXIT(mremap)
VMA_EXIT(brk)
VMA_EXIT(pkey_mprotect)
VMA_EXIT(shmat)
VMA_EXIT(shmdt)

void inspect_vma_cloned(struct inspect *ins, struct task *parent,
			struct task *child, const struct ev_clone *c)
{
	struct ins_proc *pp, *cp;

	/* Threads share the proc record; a CLONE_VM child shares the space. */
	if (c->thread || !(c->flags & CLONE_VM) || !parent->proc ||
	    !child->proc || parent->proc == child->proc)
		return;
	pp = ins_proc_get(ins, parent->proc, true);
	cp = ins_proc_get(ins, child->proc, true);
	if (!pp || !cp)
		return;
	if (!pp->as)
		pp->as = vma_space_new();
	if (!pp->as)
		return;
	vma_space_unref(cp->as);
	vma_space_ref(pp->as);
	cp->as = pp->as;
}

static const struct sc_handler vma_rows[] = {
	{ SYS_mmap, EVC_VMA, vma_entry, mmap_exit },
	{ SYS_munmap, EVC_VMA, vma_entry, munmap_exit },
	{ SYS_mprotect, EVC_VMA, vma_entry, mprotect_exit },
	{ SYS_mremap, EVC_VMA, vma_entry, mremap_exit },
	{ SYS_brk, EVC_VMA, vma_entry, brk_exit },
	{ SYS_pkey_mprotect, EVC_VMA, vma_entry, pkey_mprotect_exit },
	{ SYS_shmat, EVC_VMA, vma_entry, shmat_exit },
	{ SYS_shmdt, EVC_VMA, vma_entry, shmdt_exit },
};

int inspect_vma_register(struct tracer *t, struct inspect *ins)
{
	return syscalls_register(t, vma_rows, SC_COUNT(vma_rows), ins);
}
