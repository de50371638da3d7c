/* summary_sink.h - the summary printed at the end (--summary, --summary-json). */
#ifndef PROCTRACE_SUMMARY_SINK_H
#define PROCTRACE_SUMMARY_SINK_H

#include <stdbool.h>
#include <stdio.h>

#include "event/sink.h"

/*
 * The text on out (NULL: none), every process row if full, else the first
 * 50; the JSON summary on json (NULL: none).  Each file is closed at the
 * sink's close if its close flag is set.
 */
void *summary_sink_new(FILE *out, bool close_file, FILE *json, bool close_json,
		       bool full);
extern const struct sink_ops summary_sink_ops;

#endif
