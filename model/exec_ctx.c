/* exec_ctx.c - the context of a process's last exec, as the details pane shows it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/internal.h"

static char *model_dup(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* "+FOO -HOME ~PATH": the names of the changed variables. */
static char *model_env_names(const struct ev_env_diff *d)
{
	const struct {
		char sign;
		const struct ev_strv *sv;
	} parts[] = { { '+', &d->added },
		      { '-', &d->removed },
		      { '~', &d->changed } };
	char *text = NULL;
	size_t len, n = 0;
	FILE *out = open_memstream(&text, &len);

	if (!out)
		return NULL;
	for (size_t p = 0; p < sizeof(parts) / sizeof(parts[0]); p++)
		for (size_t i = 0; parts[p].sv->v && parts[p].sv->v[i]; i++) {
			const char *e = parts[p].sv->v[i];
			const char *eq = strchr(e, '=');

			fprintf(out, "%s%c%.*s", n++ ? " " : "", parts[p].sign,
				(int)(eq ? eq - e : (long)strlen(e)), e);
		}
	if (fclose(out) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

/* "0 file /dev/null, 7 file /etc/passwd (new)" */
static char *model_fd_list(const struct ev_fd *fds, size_t n)
{
	char *text = NULL;
	size_t len;
	FILE *out = open_memstream(&text, &len);

	if (!out)
		return NULL;
	for (size_t i = 0; fds && i < n; i++)
		fprintf(out, "%s%d %s %s%s", i ? ", " : "", fds[i].fd,
			event_fd_type_name(fds[i].type),
			fds[i].path ? fds[i].path : "",
			fds[i].is_new ? " (new)" : "");
	if (fclose(out) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

void model_exec_ctx_free(struct model_proc *p)
{
	struct model_exec_ctx *c = p->exec_ctx;

	if (!c)
		return;
	free(c->cwd);
	free(c->interpreter);
	free(c->cmdline);
	free(c->env);
	free(c->fds);
	free(c->fds_closed);
	free(c);
	p->exec_ctx = NULL;
}

void model_exec_ctx_set(struct model_proc *p, const struct ev_exec *x)
{
	struct model_exec_ctx *c;

	model_exec_ctx_free(p);
	if (!x->cwd && !x->has_env_diff && !x->n_fds && !x->cmdline)
		return;
	if (!(c = calloc(1, sizeof(*c))))
		return;
	c->cwd = model_dup(x->cwd);
	c->interpreter = model_dup(x->interpreter);
	c->cmdline = model_dup(x->cmdline);
	if (x->has_env_diff)
		c->env = model_env_names(&x->env_diff);
	c->fds = model_fd_list(x->fds, x->n_fds);
	if (x->n_fds_closed)
		c->fds_closed = model_fd_list(x->fds_closed, x->n_fds_closed);
	p->exec_ctx = c;
}
