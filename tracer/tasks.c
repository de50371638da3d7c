/* tasks.c - hash tables of tasks by tid and processes by pid. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tracer/exec_ctx.h"
#include "tracer/tasks.h"

static size_t bucket_of(pid_t id)
{
	return (size_t)((unsigned)id * 2654435761u) % TASKS_BUCKETS;
}

struct task *tasks_find(struct tasks *t, pid_t tid)
{
	struct task *task;

	for (task = t->tbucket[bucket_of(tid)]; task; task = task->hnext)
		if (task->tid == tid)
			return task;
	return NULL;
}

struct proc *tasks_find_proc(struct tasks *t, pid_t pid)
{
	struct proc *p;

	for (p = t->pbucket[bucket_of(pid)]; p; p = p->hnext)
		if (p->pid == pid)
			return p;
	return NULL;
}

void tasks_link(struct task *task, struct proc *proc)
{
	task->proc = proc;
	task->sib_next = proc->threads;
	proc->threads = task;
	proc->nthreads++;
}

static void unlink_from_proc(struct task *task)
{
	struct proc *proc = task->proc;
	struct task **pp;

	if (!proc)
		return;
	for (pp = &proc->threads; *pp; pp = &(*pp)->sib_next) {
		if (*pp == task) {
			*pp = task->sib_next;
			proc->nthreads--;
			break;
		}
	}
	task->proc = NULL;
}

struct task *tasks_add(struct tasks *t, pid_t tid, struct proc *proc)
{
	struct task *task = calloc(1, sizeof(*task));
	size_t b = bucket_of(tid);

	if (!task)
		return NULL;
	task->tid = tid;
	task->hnext = t->tbucket[b];
	t->tbucket[b] = task;
	t->n_tasks++;
	if (proc)
		tasks_link(task, proc);
	return task;
}

static void unhash_task(struct tasks *t, struct task *task)
{
	struct task **pp;

	for (pp = &t->tbucket[bucket_of(task->tid)]; *pp; pp = &(*pp)->hnext) {
		if (*pp == task) {
			*pp = task->hnext;
			return;
		}
	}
}

void tasks_remove(struct tasks *t, struct task *task)
{
	unhash_task(t, task);
	unlink_from_proc(task);
	pending_sc_clear(&task->sc);
	pending_sc_clear(&task->exec_miss.call); /* settled before: no event */
	t->n_tasks--;
	free(task);
}

void tasks_rekey(struct tasks *t, struct task *task, pid_t new_tid)
{
	size_t b = bucket_of(new_tid);

	unhash_task(t, task);
	task->tid = new_tid;
	task->hnext = t->tbucket[b];
	t->tbucket[b] = task;
}

static void children_count(struct tasks *t, pid_t ppid, int delta)
{
	struct proc *parent = tasks_find_proc(t, ppid);

	if (parent && parent->children + delta >= 0)
		parent->children += delta;
}

struct proc *tasks_add_proc(struct tasks *t, pid_t pid, pid_t ppid)
{
	struct proc *p = calloc(1, sizeof(*p));
	size_t b = bucket_of(pid);

	if (!p)
		return NULL;
	p->pid = pid;
	p->ppid = ppid;
	/*
	 * A tracee is not reaped before its exit reached us: the pid is still
	 * it (at attach, a pid that died just now has no record to go wrong).
	 */
	p->pidfd = t->pidfds ? (int)syscall(SYS_pidfd_open, pid, 0) : -1;
	if (p->pidfd >= t->pidfd_max) {
		close(p->pidfd);
		p->pidfd = -1;
	}
	children_count(t, ppid, 1);
	p->hnext = t->pbucket[b];
	t->pbucket[b] = p;
	t->n_procs++;
	return p;
}

static void zombie_list_del(struct tasks *t, struct proc *proc)
{
	struct proc *parent = tasks_find_proc(t, proc->ppid);

	if (parent && parent->zombie_children > 0)
		parent->zombie_children--;
	if (proc->zprev)
		proc->zprev->znext = proc->znext;
	else
		t->zombies = proc->znext;
	if (proc->znext)
		proc->znext->zprev = proc->zprev;
	proc->znext = proc->zprev = NULL;
	t->n_zombies--;
}

static void zombie_list_add(struct tasks *t, struct proc *proc)
{
	struct proc *parent = tasks_find_proc(t, proc->ppid);

	if (parent)
		parent->zombie_children++;
	proc->zprev = NULL;
	proc->znext = t->zombies;
	if (t->zombies)
		t->zombies->zprev = proc;
	t->zombies = proc;
	t->n_zombies++;
}

void tasks_reparent(struct tasks *t, struct proc *proc, pid_t new_ppid)
{
	bool zombie = proc->state == PS_ZOMBIE;

	if (zombie)
		zombie_list_del(t, proc);
	children_count(t, proc->ppid, -1);
	proc->ppid = new_ppid;
	children_count(t, new_ppid, 1);
	if (zombie)
		zombie_list_add(t, proc);
}

void tasks_remove_proc(struct tasks *t, struct proc *proc)
{
	struct proc **pp;

	while (proc->threads)
		unlink_from_proc(proc->threads);
	for (pp = &t->pbucket[bucket_of(proc->pid)]; *pp; pp = &(*pp)->hnext) {
		if (*pp == proc) {
			*pp = proc->hnext;
			break;
		}
	}
	if (proc->state == PS_ZOMBIE)
		zombie_list_del(t, proc);
	children_count(t, proc->ppid, -1);
	t->n_procs--;
	if (proc->pidfd >= 0)
		close(proc->pidfd);
	exec_ctx_free(proc);
	free(proc);
}

void tasks_set_zombie(struct tasks *t, struct proc *proc, bool zombie)
{
	if (zombie && proc->state != PS_ZOMBIE)
		zombie_list_add(t, proc);
	else if (!zombie && proc->state == PS_ZOMBIE)
		zombie_list_del(t, proc);
	proc->state = zombie ? PS_ZOMBIE : PS_ALIVE;
}

void pending_sc_clear(struct pending_sc *sc)
{
	free(sc->filename);
	free(sc->argv);
	free(sc->envp);
	memset(sc, 0, sizeof(*sc));
}

struct task *tasks_first(struct tasks *t, size_t *bucket)
{
	for (*bucket = 0; *bucket < TASKS_BUCKETS; (*bucket)++)
		if (t->tbucket[*bucket])
			return t->tbucket[*bucket];
	return NULL;
}

struct task *tasks_next(struct tasks *t, size_t *bucket, struct task *task)
{
	if (task->hnext)
		return task->hnext;
	for ((*bucket)++; *bucket < TASKS_BUCKETS; (*bucket)++)
		if (t->tbucket[*bucket])
			return t->tbucket[*bucket];
	return NULL;
}

struct proc *tasks_first_proc(struct tasks *t, size_t *bucket)
{
	for (*bucket = 0; *bucket < TASKS_BUCKETS; (*bucket)++)
		if (t->pbucket[*bucket])
			return t->pbucket[*bucket];
	return NULL;
}

struct proc *tasks_next_proc(struct tasks *t, size_t *bucket, struct proc *p)
{
	if (p->hnext)
		return p->hnext;
	for ((*bucket)++; *bucket < TASKS_BUCKETS; (*bucket)++)
		if (t->pbucket[*bucket])
			return t->pbucket[*bucket];
	return NULL;
}

void tasks_free_all(struct tasks *t)
{
	size_t b;

	for (b = 0; b < TASKS_BUCKETS; b++) {
		while (t->tbucket[b])
			tasks_remove(t, t->tbucket[b]);
		while (t->pbucket[b])
			tasks_remove_proc(t, t->pbucket[b]);
	}
}
