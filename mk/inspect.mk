# mk/inspect.mk - sources and tests of the inspect feature (included by Makefile.am).
# creds/ns/vma diffs from /proc, --stack (libunwind-ptrace + libdw).

libdecode_a_SOURCES += \
	decode/caps.c \
	decode/ns_types.c \
	decode/mmap_prot.c \
	decode/maps_parse.c

libproctrace_a_SOURCES += \
	tracer/inspect.h tracer/inspect.c \
	tracer/creds.h tracer/creds.c \
	tracer/nsinfo.h tracer/nsinfo.c \
	tracer/vma.h tracer/vma.c \
	tracer/stack.h tracer/stack.c \
	elfinfo/unwind.h elfinfo/unwind.c

INSPECT_UNIT_TESTS = \
	tests/decode/test_caps \
	tests/decode/test_ns_types \
	tests/decode/test_mmap_prot \
	tests/decode/test_maps_parse \
	tests/inspect/test_vma_diff
check_PROGRAMS += $(INSPECT_UNIT_TESTS)
tests_decode_test_caps_LDADD = libdecode.a
tests_decode_test_ns_types_LDADD = libdecode.a
tests_decode_test_mmap_prot_LDADD = libdecode.a
tests_decode_test_maps_parse_LDADD = libdecode.a
tests_inspect_test_vma_diff_LDADD = libproctrace.a libdecode.a $(DEP_LIBS)

INSPECT_PROGS = \
	tests/progs/insp_creds \
	tests/progs/insp_ns \
	tests/progs/insp_vma \
	tests/progs/insp_segv \
	tests/progs/insp_prctl \
	tests/progs/insp_reexec \
	tests/progs/insp_sigframe
check_PROGRAMS += $(INSPECT_PROGS)
tests_progs_insp_creds_SOURCES = tests/progs/insp_creds.c
tests_progs_insp_ns_SOURCES = tests/progs/insp_ns.c
tests_progs_insp_vma_SOURCES = tests/progs/insp_vma.c
tests_progs_insp_segv_SOURCES = tests/progs/insp_segv.c
tests_progs_insp_prctl_SOURCES = tests/progs/insp_prctl.c
tests_progs_insp_reexec_SOURCES = tests/progs/insp_reexec.c
# Bound at start (-z now): it overwrites its own ld.so before exec'ing.
# No sanitizers: their runtime would call into the overwritten ld.so.
tests_progs_insp_reexec_CFLAGS = -O2
tests_progs_insp_reexec_LDFLAGS = -Wl,-z,now
tests_progs_insp_sigframe_SOURCES = tests/progs/insp_sigframe.c
tests_progs_insp_sigframe_CFLAGS = -g -O0
tests_progs_insp_sigframe_LDFLAGS =
# main's file:line must be found: debug info, no inlining of the fault; no
# sanitizers (UBSan would catch the null store before the SIGSEGV does).
tests_progs_insp_segv_CFLAGS = -g -O0
tests_progs_insp_segv_LDFLAGS =

INSPECT_SCRIPT_TESTS = \
	tests/inspect_creds.test \
	tests/inspect_ns.test \
	tests/inspect_vma.test \
	tests/inspect_stack.test \
	tests/inspect_prctl.test \
	tests/inspect_nosecomp.test
TESTS += $(INSPECT_UNIT_TESTS) $(INSPECT_SCRIPT_TESTS)
EXTRA_DIST += $(INSPECT_SCRIPT_TESTS) tests/fuzz/fuzz_maps.c tests/fuzz/fuzz_status.c

# libFuzzer targets for the parsers of /proc text (clang only; not in check).
INSPECT_FUZZ_CC = clang
INSPECT_FUZZ_FLAGS = -g -O1 -fsanitize=fuzzer,address,undefined -I$(top_srcdir) -I$(top_builddir)
.PHONY: fuzz-procfs
fuzz-procfs: tests/fuzz/fuzz_maps tests/fuzz/fuzz_status
tests/fuzz/fuzz_maps: $(top_srcdir)/tests/fuzz/fuzz_maps.c $(top_srcdir)/decode/maps_parse.c $(top_srcdir)/decode/mmap_prot.c $(top_srcdir)/decode/xlat.c
	@$(MKDIR_P) tests/fuzz
	$(INSPECT_FUZZ_CC) $(INSPECT_FUZZ_FLAGS) -o $@ $^
tests/fuzz/fuzz_status: $(top_srcdir)/tests/fuzz/fuzz_status.c $(top_srcdir)/tracer/procfs.c
	@$(MKDIR_P) tests/fuzz
	$(INSPECT_FUZZ_CC) $(INSPECT_FUZZ_FLAGS) -o $@ $^
