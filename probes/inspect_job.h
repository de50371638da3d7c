/* inspect_job.h - process groups, sessions, the controlling terminal and cgroups of each process. */
#ifndef PROCTRACE_INSPECT_JOB_H
#define PROCTRACE_INSPECT_JOB_H

#include "tracer/engine.h"

/*
 * Adds the job observer and its syscall rows (setpgid, setsid, ioctl
 * TIOCSPGRP/TIOCSCTTY) when -e process, job or cgroup ask for them.
 * Returns 0, or -1 after one "proctrace:" line.
 */
int inspect_job_register(struct tracer *t, const struct trace_opts *o);

#endif
