# mk/elfinfo.mk - elfinfo/: the ELF view behind an opaque handle (libelf +
# capstone), and stack unwinding (libunwind-ptrace + libdw).
noinst_LIBRARIES += libelfinfo.a
libelfinfo_a_CFLAGS = $(AM_CFLAGS) $(DEP_CFLAGS)
libelfinfo_a_SOURCES = \
	elfinfo/elfinfo.h elfinfo/elfinfo_impl.h elfinfo/elfinfo.c \
	elfinfo/elfinfo_tables.c elfinfo/elfinfo_sites.c elfinfo/elfinfo_syms.c \
	elfinfo/unwind.h elfinfo/unwind.c \
	elfinfo/unwind_mem.h elfinfo/unwind_mem.c

# A dump tool for the cross-checks, and the corrupt-input unit test.
check_PROGRAMS += tests/elf/elfdump tests/elf/test_elfinfo
TESTS += tests/elf/test_elfinfo
tests_elf_elfdump_SOURCES = tests/elf/elfdump.c
tests_elf_elfdump_LDADD = libelfinfo.a libdecode.a $(DEP_LIBS)
tests_elf_test_elfinfo_SOURCES = tests/elf/test_elfinfo.c
tests_elf_test_elfinfo_LDADD = libelfinfo.a libdecode.a $(DEP_LIBS)
