/* sampler.h - sample /proc/PID/stat of every traced task and log state transitions. */
#ifndef PROCTRACE_SAMPLER_H
#define PROCTRACE_SAMPLER_H

#include "tracer/engine.h"

/* Sampling period: at least 5 Hz, as the TUI asks. */
#define SAMPLER_PERIOD_MS 100

/*
 * Register the sampler observer when the options ask for it (--tui): every
 * SAMPLER_PERIOD_MS it reads the state letter of each task and emits a
 * `state` event (EVENTS.md) when it changed.  Returns 0 or -1.
 */
int sampler_register(struct tracer *t, const struct trace_opts *o);

#endif
