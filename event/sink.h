/* sink.h - the one narrow interface between the tracer and its consumers. */
#ifndef PROCTRACE_SINK_H
#define PROCTRACE_SINK_H

#include "event/event.h"

/*
 * A sink receives every event in order.  Text, JSON, summary and the TUI
 * model are sinks; replay feeds a saved log to the same sinks.  Sinks never
 * call back into the tracer.
 */
struct sink_ops {
	const char *name;
	/* One event.  Pointers inside ev are valid only during the call. */
	void (*event)(void *ctx, const struct pt_event *ev);
	/* Push buffered output out; called at least once a second and at end. */
	void (*flush)(void *ctx);
	/* Finish and free ctx.  Returns 0, or -1 with errno on a write error. */
	int (*close)(void *ctx);
};

struct sink {
	const struct sink_ops *ops;
	void *ctx;
	unsigned classes; /* enum ev_class bits this sink wants */
};

#define SINKS_MAX 8

struct sinks {
	struct sink s[SINKS_MAX];
	size_t n;
};

/* Add a sink; returns -1 when full. */
int sinks_add(struct sinks *set, const struct sink_ops *ops, void *ctx,
	      unsigned classes);
/* Hand ev to every sink that wants its class. */
void sinks_emit(struct sinks *set, const struct pt_event *ev);
void sinks_flush(struct sinks *set);
/* Close every sink; returns -1 if any close failed (first errno kept). */
int sinks_close(struct sinks *set);

#endif
