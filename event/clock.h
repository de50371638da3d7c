/* clock.h - monotonic nanoseconds, the time base of every event. */
#ifndef PROCTRACE_CLOCK_H
#define PROCTRACE_CLOCK_H

#include <stdint.h>

uint64_t clock_mono_ns(void);
uint64_t clock_real_ns(void);

#endif
