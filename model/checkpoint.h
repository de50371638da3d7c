/* checkpoint.h - deep copies of the model taken and restored by a replay seeking back. */
#ifndef PROCTRACE_MODEL_CHECKPOINT_H
#define PROCTRACE_MODEL_CHECKPOINT_H

#include <stdint.h>

#include "model/model.h"

/*
 * A checkpoint holds the whole store (records, counters, the event pane's
 * lines) but not the line formatter, which is the model's own: restoring
 * keeps the formatter the model has, and the caller resets it if it must.
 */
struct model_checkpoint;

/* A deep copy of m (its rows scratch aside), or NULL with no memory. */
struct model_checkpoint *model_checkpoint_take(struct model *m);
/*
 * m becomes a deep copy of ck; its line formatter is reset (as by
 * model_reset).  0, or -1 with no memory and m as it was.  Pointers into
 * m are invalid after.
 */
int model_checkpoint_restore(struct model *m,
			     const struct model_checkpoint *ck);
/*
 * Feed ev to m's line formatter only (its text dropped): after a restore,
 * the log's start event gives it back the run's clock and mode.
 */
void model_checkpoint_prime(struct model *m, const struct pt_event *ev);
/* NULL is accepted. */
void model_checkpoint_free(struct model_checkpoint *ck);
/* model_events() of the model it was taken from. */
uint64_t model_checkpoint_events(const struct model_checkpoint *ck);

#endif
