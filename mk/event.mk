# mk/event.mk - event/: the contract: struct pt_event, the sink interface,
# the clock, JSON string coding.
noinst_LIBRARIES += libevent.a
libevent_a_CFLAGS = $(AM_CFLAGS) $(DEP_CFLAGS)
libevent_a_SOURCES = \
	event/event.h event/event.c \
	event/sink.h event/sink.c \
	event/clock.h event/clock.c \
	event/jsonstr.h event/jsonstr.c \
	event/fields.h event/fields.c

# The round trip (log -> replay -> json sink -> the same bytes), fed by
# tests/event_roundtrip.test; a test program may link the layers above.
check_PROGRAMS += tests/event/test_roundtrip
tests_event_test_roundtrip_LDADD = liboutput.a libreplay.a libmodel.a \
	libevent.a libdecode.a $(DEP_LIBS)

# Every key of the field tables is in man/proctrace-events.5 under its
# kind, and every field listed there is in the tables.
check_PROGRAMS += tests/event/test_fields
TESTS += tests/event/test_fields
tests_event_test_fields_LDADD = libevent.a libdecode.a $(DEP_LIBS)
