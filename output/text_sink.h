/* text_sink.h - strace-like text lines, one per event. */
#ifndef PROCTRACE_TEXT_SINK_H
#define PROCTRACE_TEXT_SINK_H

#include <stdbool.h>
#include <stdio.h>

#include "tracer/sink.h"

enum text_ts {
	TEXT_TS_NONE,
	TEXT_TS_TIME,		/* -t:  15:04:05 */
	TEXT_TS_TIME_US,	/* -tt: 15:04:05.123456 */
	TEXT_TS_RELATIVE,	/* -r:  seconds since the previous event */
};

struct text_opts {
	int strsize;		/* -s: max bytes of each argv/env string shown (default 32) */
	enum text_ts ts;
	bool color;		/* reserved for later; false */
};

void *text_sink_new(FILE *out, bool close_file, const struct text_opts *opts);
extern const struct sink_ops text_sink_ops;

#endif
