# mk/output.mk - output/: the sinks: text, JSON, summary, Perfetto.
noinst_LIBRARIES += liboutput.a
liboutput_a_CFLAGS = $(AM_CFLAGS) $(DEP_CFLAGS)
liboutput_a_SOURCES = \
	output/json_sink.h output/json_sink.c \
	output/text_sink.h output/text_sink.c output/text_lines.c \
	output/text_put.h output/text_put.c \
	output/text_life.h output/text_life.c \
	output/text_ff.h output/text_ff.c \
	output/pid_set.h output/pid_set.c \
	output/text_exec_context.c \
	output/text_job.h output/text_job.c \
	output/text_break.h output/text_break.c \
	output/text_tree.h output/text_tree.c \
	output/summary_sink.h output/summary_sink.c \
	output/summary.h output/summary_rollup.c output/summary_critical.c \
	output/summary_json.c \
	output/perfetto.h output/perfetto.c \
	output/pftrace.h output/pftrace.c output/pftrace_internal.h \
	output/pftrace_pack.c output/pftrace_sigmatch.c \
	output/outfile.h output/outfile.c
nodist_liboutput_a_SOURCES = $(PFTRACE_PROTO_C) $(PFTRACE_PROTO_H)

# export --pftrace: the C of Perfetto's schema subset, made by protoc-c in
# the build dir (out-of-tree and distcheck builds too), never distributed.
PFTRACE_PROTO = output/proto/perfetto_trace.proto
PFTRACE_PROTO_C = output/proto/perfetto_trace.pb-c.c
PFTRACE_PROTO_H = output/proto/perfetto_trace.pb-c.h
EXTRA_DIST += $(PFTRACE_PROTO)
BUILT_SOURCES = $(PFTRACE_PROTO_C) $(PFTRACE_PROTO_H)
CLEANFILES = $(PFTRACE_PROTO_C) $(PFTRACE_PROTO_H)
$(PFTRACE_PROTO_H): $(PFTRACE_PROTO_C)
$(PFTRACE_PROTO_C): $(srcdir)/$(PFTRACE_PROTO)
	$(AM_V_GEN)$(MKDIR_P) output/proto && \
	$(PROTOC_C) -I$(srcdir) --c_out=. $(srcdir)/$(PFTRACE_PROTO)

check_PROGRAMS += tests/decode/test_jsonstr
TESTS += tests/decode/test_jsonstr
tests_decode_test_jsonstr_LDADD = liboutput.a libmodel.a libevent.a libdecode.a $(DEP_LIBS)
