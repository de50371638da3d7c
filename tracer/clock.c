/* tracer/clock.c - placeholder */
#include "config.h"
extern int placeholder_clock;
