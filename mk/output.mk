# mk/output.mk - output/: the sinks: text, JSON, summary, Perfetto.
noinst_LIBRARIES += liboutput.a
liboutput_a_CFLAGS = $(AM_CFLAGS) $(DEP_CFLAGS)
liboutput_a_SOURCES = \
	output/json_sink.h output/json_sink.c \
	output/text_sink.h output/text_sink.c output/text_lines.c \
	output/text_put.h output/text_put.c \
	output/text_life.h output/text_life.c \
	output/text_ff.h output/text_ff.c \
	output/text_exec_context.c \
	output/text_job.h output/text_job.c \
	output/summary_sink.h output/summary_sink.c \
	output/summary.h output/summary_rollup.c output/summary_critical.c \
	output/summary_json.c \
	output/perfetto.h output/perfetto.c \
	output/outfile.h output/outfile.c

check_PROGRAMS += tests/decode/test_jsonstr
TESTS += tests/decode/test_jsonstr
tests_decode_test_jsonstr_LDADD = liboutput.a libmodel.a libevent.a libdecode.a $(DEP_LIBS)
