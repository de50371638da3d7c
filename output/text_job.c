/* text_job.c - the text lines of job and cgroup events. */
#include "config.h"

#include "output/text_job.h"
#include "output/text_put.h"

static void text_job_pid(FILE *out, bool *first, const char *name,
			 const struct ev_pid_change *c)
{
	fprintf(out, "%s%s %d->%d", *first ? "" : ", ", name, (int)c->from,
		(int)c->to);
	*first = false;
}

static void text_job_name(FILE *out, const char *name)
{
	text_put_str(out, name ? name : "none");
}

bool text_job_line(FILE *out, const struct pt_event *ev)
{
	const struct ev_job *j = &ev->u.job;
	bool first = true;

	fputs("job ", out);
	text_put_str(out, j->cause ? j->cause : "unknown");
	fputs(": ", out);
	if (j->pgid_changed)
		text_job_pid(out, &first, "pgid", &j->pgid);
	if (j->sid_changed)
		text_job_pid(out, &first, "sid", &j->sid);
	if (j->tty_changed) {
		fputs(first ? "tty " : ", tty ", out);
		text_job_name(out, j->tty.from);
		fputs("->", out);
		text_job_name(out, j->tty.to);
		first = false;
	}
	if (j->fg_pgrp_changed)
		text_job_pid(out, &first, "foreground pgrp", &j->fg_pgrp);
	return false;
}

bool text_cgroup_line(FILE *out, const struct pt_event *ev)
{
	const struct ev_cgroup *c = &ev->u.cgroup;

	fputs("cgroup ", out);
	text_job_name(out, c->from);
	fputs(" -> ", out);
	text_job_name(out, c->to);
	fputs(" (", out);
	text_put_str(out, c->cause ? c->cause : "unknown");
	putc(')', out);
	return false;
}
