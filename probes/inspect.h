/* inspect.h - the creds/ns/vma/stack feature: what changed, and where it was called from. */
#ifndef PROCTRACE_INSPECT_H
#define PROCTRACE_INSPECT_H

#include "tracer/engine.h"

/*
 * Adds the inspect observer and its syscall rows when -e creds, ns or vma
 * or --stack ask for them.  Returns 0, or -1 after one "proctrace:" line.
 */
int inspect_register(struct tracer *t, const struct trace_opts *o);

#endif
