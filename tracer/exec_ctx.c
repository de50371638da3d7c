/* exec_ctx.c - the context of an exec, read at PTRACE_EVENT_EXEC from /proc: cwd, #! line, env diff, fds, cmdline. */
#include "config.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decode.h"
#include "proc/procfd.h"
#include "proc/procfs.h"
#include "tracer/engine.h"
#include "tracer/exec_ctx.h"

static void exec_ctx_clear_closing(struct exec_ctx *c)
{
	free(c->closing);
	c->closing = NULL;
	c->n_closing = 0;
	free(c->entry_fds);
	c->entry_fds = NULL;
	c->n_entry_fds = 0;
}

static void exec_ctx_destroy(struct exec_ctx *c)
{
	if (!c)
		return;
	free(c->env);
	free(c->fds);
	exec_ctx_clear_closing(c);
	free(c);
}

/*
 * The process's environment and fds now; NULL out of memory.  entry: the
 * context of its execve entry stop, if it kept every fd then: the fds the
 * exec kept are those without O_CLOEXEC, unless the numbers say another
 * process changed the shared table meanwhile (saves a readlink and an
 * fdinfo read per fd at each exec).
 */
static struct exec_ctx *exec_ctx_take(pid_t pid, const struct exec_ctx *entry)
{
	struct exec_ctx *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->env = procfs_strv(pid, "environ", &c->envc);
	if (entry && entry->entry_fds) {
		c->fds = procfd_pick(entry->entry_fds, entry->n_entry_fds,
				     false, &c->n_fds);
		if (c->fds && procfd_same_numbers(pid, c->fds, c->n_fds))
			return c;
		free(c->fds);
	}
	c->fds = procfd_list(pid, &c->n_fds);
	return c;
}

void exec_ctx_snapshot(struct proc *proc, pid_t pid, bool launcher)
{
	exec_ctx_destroy(proc->exec_ctx);
	proc->exec_ctx = exec_ctx_take(pid, NULL);
	if (proc->exec_ctx)
		proc->exec_ctx->launcher = launcher;
}

void exec_ctx_free(struct proc *proc)
{
	exec_ctx_destroy(proc->exec_ctx);
	proc->exec_ctx = NULL;
}

void exec_ctx_entry(struct proc *proc, pid_t tid)
{
	struct procfd *all;
	size_t n, k = 0;

	if (!proc->exec_ctx &&
	    !(proc->exec_ctx = calloc(1, sizeof(struct exec_ctx))))
		return;
	exec_ctx_clear_closing(proc->exec_ctx);
	if (proc->exec_ctx->launcher)
		return;
	all = procfd_list(tid, &n);
	if (!all)
		return;
	proc->exec_ctx->closing = procfd_pick(all, n, true, &k);
	proc->exec_ctx->n_closing = k;
	/*
	 * One thread: nothing else of this process can touch its fds before
	 * the exec (a table shared by CLONE_FILES is caught by the numbers).
	 */
	if (proc->nthreads == 1) {
		proc->exec_ctx->entry_fds = all;
		proc->exec_ctx->n_entry_fds = n;
	} else {
		free(all);
	}
}

void exec_ctx_entry_failed(struct proc *proc)
{
	if (proc->exec_ctx)
		exec_ctx_clear_closing(proc->exec_ctx);
}

/* ---- environment diff ---- */

/* Length of the NAME of "NAME=VALUE". */
static size_t env_key_len(const char *e)
{
	const char *eq = strchr(e, '=');

	return eq ? (size_t)(eq - e) : strlen(e);
}

static int env_key_cmp(const char *a, const char *b)
{
	size_t la = env_key_len(a), lb = env_key_len(b);
	int c = memcmp(a, b, la < lb ? la : lb);

	return c ? c : (la > lb) - (la < lb);
}

static int env_sort_cmp(const void *a, const void *b)
{
	return env_key_cmp(*(char *const *)a, *(char *const *)b);
}

/* A sorted copy of the pointers of env (n entries); NULL out of memory. */
static char **env_sorted(char **env, size_t n)
{
	char **s = malloc((n + 1) * sizeof(*s));

	if (!s)
		return NULL;
	if (n)
		memcpy(s, env, n * sizeof(*s));
	qsort(s, n, sizeof(*s), env_sort_cmp);
	return s;
}

static void strv_push(struct ev_strv *sv, char **slot, char *e)
{
	slot[sv->count++] = e;
	slot[sv->count] = NULL;
}

/* Walk both sorted environments at once; entries point into them. */
static void env_merge(struct ev_env_diff *d, char **old, size_t no, char **new,
		      size_t nn, char *keys)
{
	size_t i = 0, j = 0;

	while (i < no || j < nn) {
		int c = i == no ? 1 :
			j == nn ? -1 :
				  env_key_cmp(old[i], new[j]);

		if (c < 0) { /* removed: the name only */
			size_t kl = env_key_len(old[i]);

			memcpy(keys, old[i], kl);
			keys[kl] = '\0';
			strv_push(&d->removed, (char **)d->removed.v, keys);
			keys += kl + 1;
			i++;
		} else if (c > 0) {
			strv_push(&d->added, (char **)d->added.v, new[j++]);
		} else {
			if (strcmp(old[i], new[j]) != 0)
				strv_push(&d->changed, (char **)d->changed.v,
					  new[j]);
			i++;
			j++;
		}
	}
}

/* The diff of env (n) against ref; false when out of memory. */
static bool env_diff(struct ev_env_diff *d, struct exec_ctx_read *r,
		     const struct exec_ctx *ref, char **env, size_t n)
{
	char **old = env_sorted(ref->env, ref->envc);
	char **new = env_sorted(env, n);
	size_t keys = 0;
	char **v;

	for (size_t i = 0; i < ref->envc; i++)
		keys += strlen(ref->env[i]) + 1;
	v = malloc((ref->envc + 1 + 2 * (n + 1)) * sizeof(*v));
	r->removed_keys = malloc(keys ? keys : 1);
	if (!old || !new || !v || !r->removed_keys) {
		free(v);
		v = NULL;
	} else {
		r->diff = v;
		d->removed.v = v;
		d->added.v = v + ref->envc + 1;
		d->changed.v = v + ref->envc + 1 + n + 1;
		v[0] = v[ref->envc + 1] = v[ref->envc + 1 + n + 1] = NULL;
		env_merge(d, old, ref->envc, new, n, r->removed_keys);
	}
	free(old);
	free(new);
	return v != NULL;
}

/* ---- fds ---- */

static bool fd_in(const struct procfd *fds, size_t n, const struct procfd *f)
{
	for (size_t i = 0; i < n; i++)
		if (fds[i].fd == f->fd && strcmp(fds[i].path, f->path) == 0)
			return true;
	return false;
}

/* fds as event records; ref (may be NULL) decides which are new. */
static struct ev_fd *fds_to_events(const struct procfd *fds, size_t n,
				   const struct exec_ctx *ref,
				   char (*flags)[128])
{
	struct ev_fd *ev = calloc(n ? n : 1, sizeof(*ev));

	for (size_t i = 0; ev && i < n; i++) {
		decode_open_flags(flags[i], sizeof(flags[i]), fds[i].flags);
		ev[i].fd = fds[i].fd;
		ev[i].type = fds[i].type;
		ev[i].path = fds[i].path;
		ev[i].flags = flags[i];
		ev[i].is_new = ref && ref->fds &&
			       !fd_in(ref->fds, ref->n_fds, &fds[i]);
	}
	return ev;
}

/* ---- the reproducing command line ---- */

/* True when s holds a control byte: single quotes would carry it raw. */
static bool exec_ctx_has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return true;
	return false;
}

/*
 * A word with a control byte is written $'...' (POSIX.1-2024, bash, zsh,
 * ksh, busybox sh), so the line stays one printable line that still
 * gives the same bytes; any other word in single quotes, raw.
 */
static void exec_ctx_ansi_quote(FILE *out, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	static const char named[128] = {
		['\n'] = 'n',
		['\t'] = 't',
		['\\'] = '\\',
		['\''] = '\'',
	};

	fputs("$'", out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x80 && named[c]) {
			putc('\\', out);
			putc(named[c], out);
		} else if (c < 0x20 || c == 0x7f) {
			fprintf(out, "\\x%c%c", hex[c >> 4], hex[c & 15]);
		} else {
			putc(c, out);
		}
	}
	putc('\'', out);
}

void exec_ctx_shell_quote(FILE *out, const char *s)
{
	static const char safe[] = "abcdefghijklmnopqrstuvwxyz"
				   "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				   "0123456789_-./=:,+@%";

	if (*s && strspn(s, safe) == strlen(s)) {
		fputs(s, out);
		return;
	}
	if (exec_ctx_has_control(s)) {
		exec_ctx_ansi_quote(out, s);
		return;
	}
	putc('\'', out);
	for (; *s; s++) {
		if (*s == '\'')
			fputs("'\\''", out);
		else
			putc(*s, out);
	}
	putc('\'', out);
}

/* cd DIR && env -i NAME=VALUE... FILE ARGS...; NULL when unknown. */
static char *exec_cmdline(const struct ev_exec *x, char **env)
{
	char *text = NULL;
	size_t len;
	FILE *out;

	/* A cut argv cannot be reproduced: no line rather than a wrong one. */
	if (!x->filename || !x->filename[0] || !x->argv.v || !env ||
	    x->argv.truncated)
		return NULL;
	out = open_memstream(&text, &len);
	if (!out)
		return NULL;
	if (x->cwd) {
		fputs("cd ", out);
		exec_ctx_shell_quote(out, x->cwd);
		fputs(" && ", out);
	}
	fputs("env -i", out);
	for (size_t i = 0; env[i]; i++) {
		/* env(1) would take an entry without '=' for the command. */
		if (!strchr(env[i], '=') || env[i][0] == '=')
			continue;
		putc(' ', out);
		exec_ctx_shell_quote(out, env[i]);
	}
	/*
	 * A bare name would be looked up in PATH by env(1), and "a=b/prog"
	 * taken for a variable; execve did neither.
	 */
	fputs(x->filename[0] == '/' || strncmp(x->filename, "./", 2) == 0 ||
			      strncmp(x->filename, "../", 3) == 0 ?
		      " " :
		      " ./",
	      out);
	exec_ctx_shell_quote(out, x->filename);
	for (size_t i = 1; i < x->argv.count && x->argv.v[i]; i++) {
		putc(' ', out);
		exec_ctx_shell_quote(out, x->argv.v[i]);
	}
	if (fclose(out) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

/* ---- at the exec ---- */

/* What this exec is compared with: its own last exec, else its parent's. */
static const struct exec_ctx *exec_reference(struct tracer *t,
					     const struct proc *proc)
{
	struct proc *parent;

	if (proc->exec_ctx && proc->exec_ctx->env)
		return proc->exec_ctx;
	parent = tasks_find_proc(&t->tasks, proc->ppid);
	return parent && parent->exec_ctx && parent->exec_ctx->env ?
		       parent->exec_ctx :
		       NULL;
}

void exec_ctx_read(struct tracer *t, struct task *task, struct ev_exec *x,
		   struct exec_ctx_read *r)
{
	const struct exec_ctx *ref = exec_reference(t, task->proc);
	const struct exec_ctx *own = task->proc->exec_ctx;
	struct exec_ctx *now;
	size_t n_flags;

	memset(r, 0, sizeof(*r));
	if (!(t->classes & EVC_PROCESS) ||
	    !(now = exec_ctx_take(task->tid, task->sc.active ? own : NULL)))
		return;
	r->now = now;
	if (procfd_cwd(task->tid, r->cwd, sizeof(r->cwd)) == 0)
		x->cwd = r->cwd;
	/* Only the entry stop knows the file given: a script's is not exe. */
	if (task->sc.active && task->sc.filename &&
	    procfd_shebang(task->tid, task->sc.filename, r->interpreter,
			   sizeof(r->interpreter)) >= 0)
		x->interpreter = r->interpreter;
	if (ref && now->env)
		x->has_env_diff =
			env_diff(&x->env_diff, r, ref, now->env, now->envc);
	n_flags = now->n_fds + (own && task->sc.active ? own->n_closing : 0);
	r->flags = calloc(n_flags ? n_flags : 1, sizeof(*r->flags));
	if (r->flags && now->fds) {
		r->fds = fds_to_events(now->fds, now->n_fds, ref, r->flags);
		x->fds = r->fds;
		x->n_fds = r->fds ? now->n_fds : 0;
	}
	if (r->flags && own && own->closing && task->sc.active) {
		r->closed = fds_to_events(own->closing, own->n_closing, NULL,
					  r->flags + now->n_fds);
		x->fds_closed = r->closed;
		x->n_fds_closed = r->closed ? own->n_closing : 0;
	}
	x->cmdline = r->cmdline = exec_cmdline(x, now->env);
}

void exec_ctx_done(struct exec_ctx_read *r, struct proc *proc)
{
	free(r->fds);
	free(r->closed);
	free(r->flags);
	free(r->diff);
	free(r->removed_keys);
	free(r->cmdline);
	if (r->now) {
		exec_ctx_destroy(proc->exec_ctx);
		proc->exec_ctx = r->now;
	} else if (proc->exec_ctx) {
		exec_ctx_clear_closing(proc->exec_ctx);
	}
}
