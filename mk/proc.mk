# mk/proc.mk - proc/: every /proc reader and parser.
noinst_LIBRARIES += libproc.a
libproc_a_CFLAGS = $(AM_CFLAGS) $(DEP_CFLAGS)
libproc_a_SOURCES = \
	proc/procfs.h proc/procfs.c \
	proc/procinfo.h proc/procinfo.c
