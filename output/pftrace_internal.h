/* pftrace_internal.h - the parts of the Perfetto protobuf writer: packets with interned strings, and the send -> delivery matcher. */
#ifndef PROCTRACE_PFTRACE_INTERNAL_H
#define PROCTRACE_PFTRACE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "event/event.h"
#include "output/proto/perfetto_trace.pb-c.h"

/* ---- pftrace_pack.c: one packet sequence written to a FILE ---- */

struct pft_writer;

struct pft_writer *pft_writer_new(FILE *out);
/* Free w; 0, or -1 with errno if a write failed.  out is not closed. */
int pft_writer_free(struct pft_writer *w);

/* The clock snapshot: trace time 0 is realtime_ns on the wall clock. */
void pft_write_clock(struct pft_writer *w, uint64_t realtime_ns);
/* A track; parent 0: a root track; counter: a counter track of counts. */
void pft_write_track(struct pft_writer *w, uint64_t ts, uint64_t uuid,
		     uint64_t parent, const char *name, bool counter);

#define PFT_ARGS_MAX 32
#define PFT_FLOWS_MAX 32

/* A track event being built: begin, add args and flows, write. */
struct pft_event {
	Perfetto__Protos__TrackEvent te;
	Perfetto__Protos__DebugAnnotation arg[PFT_ARGS_MAX];
	Perfetto__Protos__DebugAnnotation *argp[PFT_ARGS_MAX];
	uint64_t flow[1], term[PFT_FLOWS_MAX];
};

/* name may be NULL (a slice end, a counter value). */
void pft_event_begin(struct pft_writer *w, struct pft_event *e,
		     Perfetto__Protos__TrackEvent__Type type, uint64_t track,
		     const char *name);
/* Args: the key and a string value are interned; full: no more room. */
void pft_arg_str(struct pft_writer *w, struct pft_event *e, const char *key,
		 const char *val);
void pft_arg_int(struct pft_writer *w, struct pft_event *e, const char *key,
		 int64_t val);
void pft_arg_bool(struct pft_writer *w, struct pft_event *e, const char *key,
		  bool val);
/* val: JSON text, shown as is (arrays, objects); borrowed until write. */
void pft_arg_json(struct pft_writer *w, struct pft_event *e, const char *key,
		  const char *val);
void pft_event_flow(struct pft_event *e, uint64_t id);
void pft_event_terminate(struct pft_event *e, uint64_t id);
void pft_event_write(struct pft_writer *w, struct pft_event *e, uint64_t ts);

/* ---- pftrace_sigmatch.c: which sends were delivered ---- */

struct pft_sigmatch;

struct pft_sigmatch *pft_sigmatch_new(void);
void pft_sigmatch_free(struct pft_sigmatch *m);
/*
 * Follow one event: a successful send to a pid is pending until that
 * process takes the signal (a standard signal's pending sends merge into
 * one delivery), exits or is reaped.  A delivery marks its sends delivered
 * and returns their seqs in seqs (at most PFT_FLOWS_MAX); else 0.
 */
size_t pft_sigmatch_feed(struct pft_sigmatch *m, const struct pt_event *ev,
			 uint64_t *seqs);
/* Forget the pending sends (keep the marks): before the second pass. */
void pft_sigmatch_rewind(struct pft_sigmatch *m);
/* Whether the send with this seq was marked delivered. */
bool pft_sigmatch_delivered(const struct pft_sigmatch *m, uint64_t seq);

#endif
