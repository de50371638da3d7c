/* plt.h - the PLT observer: int3 at every PLT stub / GOT call site, one plt event per call. */
#ifndef PROCTRACE_PLT_H
#define PROCTRACE_PLT_H

#include "tracer/engine.h"

/*
 * With --plt (or -e plt): add the observer that plants breakpoints in the
 * main executable's PLT (--plt=all: in every loaded object's, dlopen
 * included) of every traced process and emits EV_PLT at each call.
 * Returns 0 (also when not asked for), or -1 after one "proctrace: " line.
 */
int plt_register(struct tracer *t, const struct trace_opts *o);

#endif
