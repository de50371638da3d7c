# mk/plt.mk - sources and tests of the plt feature (included by Makefile.am).

# elfinfo/: the ELF view behind an opaque handle (libelf + capstone).
libproctrace_a_SOURCES += \
	elfinfo/elfinfo.h elfinfo/elfinfo.c \
	tracer/plt.h tracer/plt.c

# ---- tests ----
# Fixtures: one C source linked in every PLT layout distros ship.  They
# get no AM_CFLAGS/AM_LDFLAGS (no sanitizers: one is static).  atoi and
# strlen must stay real calls: no builtins, no glibc extern inlines.
PLT_FIX_CFLAGS = -fno-builtin -D__NO_INLINE__ -g
PLT_FIXTURES = \
	tests/progs/plt_lazy \
	tests/progs/plt_pie \
	tests/progs/plt_now \
	tests/progs/plt_ibt \
	tests/progs/plt_ibtlazy \
	tests/progs/plt_noplt \
	tests/progs/plt_static
check_PROGRAMS += $(PLT_FIXTURES) tests/progs/plt_dlopen \
	tests/progs/plt_dllib.so tests/elf/elfdump tests/elf/test_elfinfo

# lazy binding, non-PIE (addresses fixed at link time)
tests_progs_plt_lazy_SOURCES = tests/progs/plt_calls.c
tests_progs_plt_lazy_CFLAGS = $(PLT_FIX_CFLAGS) -fno-pie
tests_progs_plt_lazy_LDFLAGS = -no-pie -Wl,-z,lazy
# lazy binding, PIE
tests_progs_plt_pie_SOURCES = tests/progs/plt_calls.c
tests_progs_plt_pie_CFLAGS = $(PLT_FIX_CFLAGS) -fPIE
tests_progs_plt_pie_LDFLAGS = -pie -Wl,-z,lazy
# immediate binding (-z now), PIE
tests_progs_plt_now_SOURCES = tests/progs/plt_calls.c
tests_progs_plt_now_CFLAGS = $(PLT_FIX_CFLAGS) -fPIE
tests_progs_plt_now_LDFLAGS = -pie -Wl,-z,now
# IBT: endbr64 stubs in .plt.sec, -z now
tests_progs_plt_ibt_SOURCES = tests/progs/plt_calls.c
tests_progs_plt_ibt_CFLAGS = $(PLT_FIX_CFLAGS) -fPIE -fcf-protection
tests_progs_plt_ibt_LDFLAGS = -pie -Wl,-z,ibtplt -Wl,-z,now
# IBT .plt.sec with lazy binding
tests_progs_plt_ibtlazy_SOURCES = tests/progs/plt_calls.c
tests_progs_plt_ibtlazy_CFLAGS = $(PLT_FIX_CFLAGS) -fPIE -fcf-protection
tests_progs_plt_ibtlazy_LDFLAGS = -pie -Wl,-z,ibtplt -Wl,-z,lazy
# -fno-plt: call *GOT(%rip) at each call site, no stubs
tests_progs_plt_noplt_SOURCES = tests/progs/plt_calls.c
tests_progs_plt_noplt_CFLAGS = $(PLT_FIX_CFLAGS) -fPIE -fno-plt
tests_progs_plt_noplt_LDFLAGS = -pie
# static: no PLT to trace
tests_progs_plt_static_SOURCES = tests/progs/plt_calls.c
tests_progs_plt_static_CFLAGS = $(PLT_FIX_CFLAGS)
tests_progs_plt_static_LDFLAGS = -static
# dlopen of a library with its own (lazy) PLT
tests_progs_plt_dlopen_SOURCES = tests/progs/plt_dlopen.c
tests_progs_plt_dlopen_CFLAGS = $(PLT_FIX_CFLAGS) -fPIE
tests_progs_plt_dlopen_LDFLAGS = -pie
tests_progs_plt_dlopen_LDADD = -ldl
tests_progs_plt_dllib_so_SOURCES = tests/progs/plt_dllib.c
tests_progs_plt_dllib_so_CFLAGS = $(PLT_FIX_CFLAGS) -fPIC
tests_progs_plt_dllib_so_LDFLAGS = -shared -Wl,-z,lazy

# elfinfo: a dump tool for the cross-checks, and the corrupt-input unit test.
tests_elf_elfdump_SOURCES = tests/elf/elfdump.c
tests_elf_elfdump_LDADD = libproctrace.a libdecode.a $(DEP_LIBS)
tests_elf_test_elfinfo_SOURCES = tests/elf/test_elfinfo.c
tests_elf_test_elfinfo_LDADD = libproctrace.a libdecode.a $(DEP_LIBS)

PLT_SCRIPT_TESTS = \
	tests/plt_elf.test \
	tests/plt_layouts.test \
	tests/plt_static.test \
	tests/plt_threads.test \
	tests/plt_fork.test \
	tests/plt_dlopen.test \
	tests/plt_attach.test \
	tests/plt_attach_threads.test \
	tests/plt_signal.test
SCRIPT_TESTS += $(PLT_SCRIPT_TESTS)
TESTS += tests/elf/test_elfinfo
EXTRA_DIST += tests/fuzz/fuzz_elf.c

# ---- fuzzing (not part of make check) ----
# make fuzz-elf [PLT_FUZZ_TIME=60]: libFuzzer + ASan on elfinfo_open_mem,
# seeded with the fixtures; crashes land in tests/fuzz/ of the build dir.
PLT_FUZZ_TIME = 60
.PHONY: fuzz-elf
fuzz-elf: $(PLT_FIXTURES) tests/progs/plt_dllib.so
	$(MKDIR_P) tests/fuzz/corpus
	cp -f $(PLT_FIXTURES) tests/progs/plt_dllib.so tests/fuzz/corpus/
	clang -g -O1 -std=gnu11 -fsanitize=fuzzer,address,undefined \
		-I$(top_srcdir) -I$(top_builddir) $(LIBELF_CFLAGS) $(CAPSTONE_CFLAGS) \
		$(top_srcdir)/tests/fuzz/fuzz_elf.c $(top_srcdir)/elfinfo/elfinfo.c \
		$(LIBELF_LIBS) $(CAPSTONE_LIBS) -o tests/fuzz/fuzz_elf
	cd tests/fuzz && ./fuzz_elf -max_total_time=$(PLT_FUZZ_TIME) -max_len=65536 \
		-print_final_stats=1 corpus
