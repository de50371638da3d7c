/* exec_miss.h - execs of a file that is not there, resumed without their exit stop. */
#ifndef PROCTRACE_EXEC_MISS_H
#define PROCTRACE_EXEC_MISS_H

#include <stdbool.h>

#include "tracer/engine.h"

/* At start: may misses be known at the entry here (t->exec_miss_ok)? */
void exec_miss_init(struct tracer *t);
/*
 * At an exec's entry, proctrace's own lookup of the file, seen from the
 * task, failed with lookup_errno: must the task's fail the same way?
 */
bool exec_miss_known(struct tracer *t, struct task *task, int lookup_errno);
/* The exit stop is skipped: keep the call until the task's next stop. */
void exec_miss_take(struct tracer *t, struct task *task);
/*
 * task's next stop (status as wait gave it) or its end: the exec's
 * outcome.  ran: the call surely ran (see send_open_settle).
 */
void exec_miss_settle(struct tracer *t, struct task *task, int status,
		      bool ran);

#endif
