/* text_job.h - the text lines of job and cgroup events. */
#ifndef PROCTRACE_TEXT_JOB_H
#define PROCTRACE_TEXT_JOB_H

#include <stdbool.h>
#include <stdio.h>

#include "event/event.h"

/* "job setsid: pgid 10->12, sid 10->12, tty pts/3->none"; false: the
 * line end says "(inferred)". */
bool text_job_line(FILE *out, const struct pt_event *ev);
/* "cgroup /a -> /b (clone3)" */
bool text_cgroup_line(FILE *out, const struct pt_event *ev);

#endif
