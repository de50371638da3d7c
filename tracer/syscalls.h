/* syscalls.h - see engine.h: syscall entry/exit handlers. */
#ifndef PROCTRACE_SYSCALLS_H
#define PROCTRACE_SYSCALLS_H
#include "tracer/engine.h"
/* Turn a wait(2) status into an ev_status. */
void syscalls_status_from_wait(int status, struct ev_status *st);
#endif
