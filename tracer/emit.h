/* emit.h - see engine.h: emit(), emit_task_event(). */
#ifndef PROCTRACE_EMIT_H
#define PROCTRACE_EMIT_H
#include "tracer/engine.h"
#endif
