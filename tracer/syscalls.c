/* tracer/syscalls.c - placeholder */
#include "config.h"
extern int placeholder_syscalls;
