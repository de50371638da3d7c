/* attach.h - seize running processes (-p), every thread, optionally their descendants. */
#ifndef PROCTRACE_ATTACH_H
#define PROCTRACE_ATTACH_H

#include <stddef.h>

#include "tracer/engine.h"

/* Attach to every pid of opt (and --tree descendants); -1 with a message. */
int attach_start(struct tracer *t, char *err, size_t errsize);

#endif
