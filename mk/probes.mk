# mk/probes.mk - probes/: the optional observers of the engine: creds, ns,
# vma, stack, plt, the state sampler.
noinst_LIBRARIES += libprobes.a
libprobes_a_CFLAGS = $(AM_CFLAGS) $(DEP_CFLAGS)
libprobes_a_SOURCES = \
	probes/inspect.h probes/inspect.c probes/inspect_priv.h \
	probes/inspect_creds.c probes/inspect_ns.c probes/inspect_vma.c \
	probes/inspect_job.h probes/inspect_job.c \
	probes/creds.h probes/creds.c \
	probes/nsinfo.h probes/nsinfo.c \
	probes/vma.h probes/vma.c \
	probes/stack.h probes/stack.c \
	probes/plt.h probes/plt_impl.h probes/plt.c probes/plt_maps.c \
	probes/plt_space.c probes/plt_plant.c probes/plt_hit.c \
	probes/sampler.h probes/sampler.c

check_PROGRAMS += tests/inspect/test_vma_diff
TESTS += tests/inspect/test_vma_diff
tests_inspect_test_vma_diff_LDADD = libprobes.a libtracer.a libprobes.a libevent.a libdecode.a $(DEP_LIBS)
