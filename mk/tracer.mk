# mk/tracer.mk - tracer/: the engine: launch, attach, the wait loop, the
# dispatcher, the task table, the seccomp filter, detach.
noinst_LIBRARIES += libtracer.a
libtracer_a_CFLAGS = $(AM_CFLAGS) $(DEP_CFLAGS)
libtracer_a_SOURCES = \
	tracer/trace_opts.h \
	tracer/pidns.h tracer/pidns.c \
	tracer/tmem.h tracer/tmem.c \
	tracer/tasks.h tracer/tasks.c \
	tracer/emit.h tracer/emit.c \
	tracer/filter.h tracer/filter.c \
	tracer/sc_table.h \
	tracer/syscalls.h tracer/syscalls.c \
	tracer/sc_handlers.h \
	tracer/exec_ctx.h tracer/exec_ctx.c \
	tracer/sc_exec.c tracer/sc_wait.c tracer/sc_kill.c \
	tracer/sc_prctl.c tracer/sc_ns.c \
	tracer/permcreds.h tracer/permcreds.c \
	tracer/send_open.h tracer/send_open.c \
	tracer/exec_miss.h tracer/exec_miss.c \
	tracer/waitfacts.c \
	tracer/launch.h tracer/launch.c \
	tracer/launch_creds.h tracer/launch_creds.c \
	tracer/attach.h tracer/attach.c \
	tracer/engine.h tracer/engine.c \
	tracer/observer.h tracer/observer.c \
	tracer/stops.h tracer/stops.c tracer/stops_count.c \
	tracer/stops_clone.c tracer/stops_exit.c tracer/stops_signal.c \
	tracer/zombies.c tracer/reapwatch.h tracer/reapwatch.c \
	tracer/detach.c \
	tracer/breaks.c
