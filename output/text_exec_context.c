/* text_exec_context.c - the lines under an exec for --exec-context and --show-cmdline. */
#include "config.h"

#include <string.h>

#include "output/text_put.h"
#include "output/text_sink.h"

/* "NAME=VALUE" as NAME="VALUE" (values cut like argv strings). */
static void text_env_entry(FILE *out, char sign, const char *e, int limit)
{
	const char *eq = strchr(e, '=');

	putc(' ', out);
	putc(sign, out);
	if (!eq) {
		text_put_str(out, e);
		return;
	}
	text_put_escaped(out, e, (size_t)(eq - e) + 1);
	text_put_quoted(out, eq + 1, limit);
}

static void text_env_diff(FILE *out, const struct ev_env_diff *d, int limit)
{
	static const struct {
		char sign;
		size_t off;
	} parts[] = {
		{ '+', offsetof(struct ev_env_diff, added) },
		{ '-', offsetof(struct ev_env_diff, removed) },
		{ '~', offsetof(struct ev_env_diff, changed) },
	};
	bool any = false;

	fputs("\n    env", out);
	for (size_t p = 0; p < sizeof(parts) / sizeof(parts[0]); p++) {
		const struct ev_strv *sv =
			(const void *)((const char *)d + parts[p].off);

		for (size_t i = 0; sv->v && sv->v[i]; i++, any = true)
			text_env_entry(out, parts[p].sign, sv->v[i], limit);
	}
	if (!any)
		fputs(" unchanged", out);
}

/* "fd 7 file "/etc/passwd" O_RDONLY (new)" */
static void text_fd(FILE *out, const struct ev_fd *f, const char *what)
{
	fprintf(out, "\n    fd %d %s ", f->fd, event_fd_type_name(f->type));
	text_put_quoted(out, f->path ? f->path : "", -1);
	fprintf(out, " %s", f->flags ? f->flags : "");
	if (what)
		fprintf(out, " (%s)", what);
}

static void text_exec_details(FILE *out, const struct ev_exec *x, int limit)
{
	if (x->cwd) {
		fputs("\n    cwd ", out);
		text_put_quoted(out, x->cwd, -1);
	}
	if (x->interpreter) {
		fputs("\n    interpreter ", out);
		text_put_quoted(out, x->interpreter, -1);
		if (x->exe) {
			fputs(" runs ", out);
			text_put_str(out, x->exe);
		}
	}
	if (x->has_env_diff)
		text_env_diff(out, &x->env_diff, limit);
	/* "new": not open in the reference image; else inherited from it. */
	for (size_t i = 0; x->fds && i < x->n_fds; i++)
		text_fd(out, &x->fds[i],
			!x->has_env_diff ? NULL :
			x->fds[i].is_new ? "new" :
					   "inherited");
	for (size_t i = 0; x->fds_closed && i < x->n_fds_closed; i++)
		text_fd(out, &x->fds_closed[i], "closed on exec");
}

void text_exec_context(FILE *out, const struct ev_exec *x,
		       const struct text_opts *opts)
{
	if (!x->ok)
		return;
	if (opts->exec_context)
		text_exec_details(out, x, opts->strsize);
	if (opts->show_cmdline && x->cmdline) {
		/* Raw: it is shell text to paste, with no control bytes
		 * (exec_ctx_shell_quote writes those as $'\xNN'). */
		fputs("\n    cmdline ", out);
		fputs(x->cmdline, out);
	}
}
