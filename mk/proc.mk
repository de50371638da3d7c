# mk/proc.mk - proc/: every /proc reader and parser.
noinst_LIBRARIES += libproc.a
libproc_a_CFLAGS = $(AM_CFLAGS) $(DEP_CFLAGS)
libproc_a_SOURCES = \
	proc/procfs.h proc/procfs.c proc/procjob.c \
	proc/procinfo.h proc/procinfo.c \
	proc/procfd.h proc/procfd.c

# The parsers on known texts, and procinfo_read of the test itself.
check_PROGRAMS += tests/proc/test_procinfo
TESTS += tests/proc/test_procinfo
tests_proc_test_procinfo_LDADD = libproc.a libevent.a libdecode.a $(DEP_LIBS)
check_PROGRAMS += tests/proc/test_procfd
TESTS += tests/proc/test_procfd
tests_proc_test_procfd_LDADD = libproc.a libevent.a libdecode.a $(DEP_LIBS)
