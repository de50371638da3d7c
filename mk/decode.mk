# mk/decode.mk - decode/: pure decoders, no I/O (unit-tested on their own).
noinst_LIBRARIES += libdecode.a
libdecode_a_SOURCES = \
	decode/decode.h decode/clone_compat.h \
	decode/xlat.c \
	decode/signals.c \
	decode/errno_names.c \
	decode/clone_flags.c \
	decode/siginfo.c \
	decode/exit_status.c \
	decode/caps.c \
	decode/ns_types.c \
	decode/mmap_prot.c \
	decode/maps_parse.c \
	decode/open_flags.c \
	decode/tty_name.c \
	decode/breaks.h decode/breaks.c

# Table-driven, one program per decoder family.
DECODE_TESTS = \
	tests/decode/test_xlat \
	tests/decode/test_signals \
	tests/decode/test_errno \
	tests/decode/test_clone_flags \
	tests/decode/test_siginfo \
	tests/decode/test_exit_status \
	tests/decode/test_caps \
	tests/decode/test_ns_types \
	tests/decode/test_mmap_prot \
	tests/decode/test_maps_parse \
	tests/decode/test_tty_name \
	tests/decode/test_breaks
check_PROGRAMS += $(DECODE_TESTS)
TESTS += $(DECODE_TESTS)
tests_decode_test_xlat_LDADD = libdecode.a
tests_decode_test_signals_LDADD = libdecode.a
tests_decode_test_errno_LDADD = libdecode.a
tests_decode_test_clone_flags_LDADD = libdecode.a
tests_decode_test_siginfo_LDADD = libdecode.a
tests_decode_test_exit_status_LDADD = libdecode.a
tests_decode_test_caps_LDADD = libdecode.a
tests_decode_test_ns_types_LDADD = libdecode.a
tests_decode_test_mmap_prot_LDADD = libdecode.a
tests_decode_test_maps_parse_LDADD = libdecode.a
tests_decode_test_tty_name_LDADD = libdecode.a
tests_decode_test_breaks_LDADD = libdecode.a
