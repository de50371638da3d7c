# mk/fuzz.mk - libFuzzer harnesses (clang, ASan+UBSan) for the parsers of
# untrusted bytes: /proc maps and status text, event logs, ELF files.
# Not part of make check; CI runs make fuzz [FUZZ_TIME=60].
FUZZ_CC = clang
FUZZ_FLAGS = -g -O1 -std=gnu11 -fsanitize=fuzzer,address,undefined \
	-I$(top_srcdir) -I$(top_builddir)
FUZZ_TIME = 60
EXTRA_DIST += tests/fuzz/fuzz_maps.c tests/fuzz/fuzz_status.c \
	tests/fuzz/fuzz_elf.c tests/fuzz/fuzz_replay.c tests/fuzz/replay-corpus \
	tests/fuzz/fuzz_procfd.c

.PHONY: fuzz fuzz-procfs fuzz-elf fuzz-replay
fuzz: fuzz-procfs fuzz-replay
	$(MKDIR_P) tests/fuzz/corpus-maps tests/fuzz/corpus-status tests/fuzz/corpus-replay
	cp -f /proc/self/maps tests/fuzz/corpus-maps/self-maps
	cp -f /proc/self/status tests/fuzz/corpus-status/self-status
	cp -f $(srcdir)/tests/fuzz/replay-corpus/* tests/fuzz/corpus-replay/
	tests/fuzz/fuzz_maps -max_total_time=$(FUZZ_TIME) tests/fuzz/corpus-maps
	tests/fuzz/fuzz_status -max_total_time=$(FUZZ_TIME) tests/fuzz/corpus-status
	$(MKDIR_P) tests/fuzz/corpus-procfd
	cp -f /proc/self/fdinfo/0 tests/fuzz/corpus-procfd/self-fdinfo
	tests/fuzz/fuzz_procfd -max_total_time=$(FUZZ_TIME) tests/fuzz/corpus-procfd
	./fuzz-replay -max_total_time=$(FUZZ_TIME) -max_len=65536 tests/fuzz/corpus-replay
	$(MAKE) $(AM_MAKEFLAGS) fuzz-elf FUZZ_TIME=$(FUZZ_TIME)

# /proc text
fuzz-procfs: tests/fuzz/fuzz_maps tests/fuzz/fuzz_status tests/fuzz/fuzz_procfd
tests/fuzz/fuzz_maps: $(top_srcdir)/tests/fuzz/fuzz_maps.c $(top_srcdir)/decode/maps_parse.c $(top_srcdir)/decode/mmap_prot.c $(top_srcdir)/decode/xlat.c
	@$(MKDIR_P) tests/fuzz
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $^
tests/fuzz/fuzz_status: $(top_srcdir)/tests/fuzz/fuzz_status.c $(top_srcdir)/proc/procfs.c
	@$(MKDIR_P) tests/fuzz
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $^
tests/fuzz/fuzz_procfd: $(top_srcdir)/tests/fuzz/fuzz_procfd.c $(top_srcdir)/proc/procfd.c $(top_srcdir)/proc/procfs.c $(top_srcdir)/decode/xlat.c
	@$(MKDIR_P) tests/fuzz
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $^

# ELF files: elfinfo_open_mem, seeded with the PLT fixtures; crashes land in
# tests/fuzz/ of the build dir.  The ELF parser's files, not unwind.c.
FUZZ_ELF_SRCS = elfinfo/elfinfo.c elfinfo/elfinfo_tables.c \
	elfinfo/elfinfo_sites.c elfinfo/elfinfo_syms.c
fuzz-elf: $(PLT_FIXTURES) tests/progs/plt_dllib.so
	$(MKDIR_P) tests/fuzz/corpus
	cp -f $(PLT_FIXTURES) tests/progs/plt_dllib.so tests/fuzz/corpus/
	$(FUZZ_CC) $(FUZZ_FLAGS) $(LIBELF_CFLAGS) $(CAPSTONE_CFLAGS) \
		$(top_srcdir)/tests/fuzz/fuzz_elf.c \
		$(FUZZ_ELF_SRCS:%=$(top_srcdir)/%) \
		$(LIBELF_LIBS) $(CAPSTONE_LIBS) -o tests/fuzz/fuzz_elf
	cd tests/fuzz && ./fuzz_elf -max_total_time=$(FUZZ_TIME) -max_len=65536 \
		-print_final_stats=1 corpus

# event logs
FUZZ_REPLAY_SRCS = tests/fuzz/fuzz_replay.c replay/reader.c replay/fields.c \
	replay/parse.c event/fields.c event/jsonstr.c \
	event/event.c decode/xlat.c decode/signals.c decode/errno_names.c \
	decode/clone_flags.c decode/siginfo.c decode/exit_status.c \
	decode/ns_types.c decode/breaks.c
fuzz-replay: $(FUZZ_REPLAY_SRCS:%=$(srcdir)/%)
	$(FUZZ_CC) $(FUZZ_FLAGS) $(JSONC_CFLAGS) \
		-o $@ $(FUZZ_REPLAY_SRCS:%=$(srcdir)/%) $(JSONC_LIBS)
