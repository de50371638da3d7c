/* features.h - register the optional parts (observers, sinks) for a run. */
#ifndef PROCTRACE_FEATURES_H
#define PROCTRACE_FEATURES_H

#include "cli/options.h"
#include "tracer/engine.h"

/*
 * Called once after the sinks are open and before the trace starts.  Each
 * feature looks at the options and adds its observer (and sinks) if asked.
 * Returns 0, or -1 after printing one "proctrace: ..." line.
 */
int features_register(struct tracer *t, const struct options *o);

#endif
