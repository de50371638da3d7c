/* plt_plant.c - which sites get an int3; planting and removing them. */
#include "config.h"

#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elfinfo/elfinfo.h"
#include "probes/plt_impl.h"
#include "proc/procfs.h"

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

static bool plt_wanted(const struct plt_ctx *c, const char *symbol)
{
	if (!c->globs)
		return true;
	for (char **g = c->globs; *g; g++)
		if (fnmatch(*g, symbol, 0) == 0)
			return true;
	return false;
}

static bool plt_object_planted(struct plt_space *s, struct plt_file *f,
			       uint64_t bias)
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

	if (!plt_map_file(c, s, m) || !m->file->ei ||
	    elfinfo_bias(m->file->ei, m->start, m->offset, &bias) < 0 ||
	    plt_object_planted(s, m->file, bias))
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
/* A static executable: no ld.so, no PLT; said once through the sinks. */
static void plt_notice_static(struct tracer *t, struct task *task,
			      const char *exe)
{
	struct pt_event ev = { .kind = EV_NOTICE };
	char message[PATH_MAX + 64];

	snprintf(message, sizeof(message),
		 "%s: statically linked, no PLT to trace", exe);
	ev.u.notice.what = "plt_static";
	ev.u.notice.message = message;
	emit_task_event(t, task, &ev);
}

void plt_space_start(struct plt_ctx *c, struct tracer *t, struct task *task)
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
	if (plt_map_file(c, s, em) && em->file->ei &&
	    !elfinfo_has_interp(em->file->ei)) {
		plt_notice_static(t, task, exe);
		return;
	}
	if (c->mode == PLT_ALL)
		plt_plant_all(c, s, task->tid);
	else
		plt_plant_object(c, s, task->tid, em);
}

/* ld.so announced a change of the link map: plant in new objects. */
void plt_rescan(struct plt_ctx *c, struct plt_space *s, pid_t tid)
{
	if (plt_maps_load(s) == 0)
		plt_plant_all(c, s, tid);
}

void plt_unplant_all(struct plt_space *s, pid_t tid)
{
	if (s->released)
		return;
	for (size_t i = 0; i < s->n_bps; i++)
		if (s->bps[i].planted && plt_mem_write(s, tid, s->bps[i].addr,
						       &s->bps[i].orig, 1) == 0)
			s->bps[i].planted = false;
	s->released = true;
}
