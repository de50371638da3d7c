/* text_life.h - the text sink's record of live tasks: when each was seen born, for -T and -qq. */
#ifndef PROCTRACE_TEXT_LIFE_H
#define PROCTRACE_TEXT_LIFE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "event/event.h"

struct text_life_task {
	pid_t tid;
	uint64_t since; /* ts of its birth, or of the first event seen */
	bool born; /* seen start: the launched command or a clone child */
};

struct text_life {
	struct text_life_task *v;
	size_t n, cap;
	bool attach_mode; /* from start: tasks met first are not born here */
	bool root_seen; /* run mode: the launched command was met */
};

/* Note what ev says about births; call for every event, before the exit's
 * line is written. */
void text_life_event(struct text_life *l, const struct pt_event *ev);
/* The task ev is about, or NULL when not known (out of memory). */
const struct text_life_task *text_life_of(const struct text_life *l,
					  const struct pt_event *ev);
/* Forget ev's task (after its exit line). */
void text_life_forget(struct text_life *l, const struct pt_event *ev);
void text_life_free(struct text_life *l);
/* Make the text sink ctx read births from life, kept by the caller. */
void text_sink_share_life(void *ctx, struct text_life *life);

#endif
