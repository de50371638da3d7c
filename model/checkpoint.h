/* checkpoint.h - copies of the model taken and restored by a replay seeking back. */
#ifndef PROCTRACE_MODEL_CHECKPOINT_H
#define PROCTRACE_MODEL_CHECKPOINT_H

#include <stdint.h>

#include "model/model.h"

/*
 * A checkpoint holds the whole store (records, counters, the event pane's
 * lines; unchanged ones shared between checkpoints) but not the line
 * formatter, which is the model's own: restoring
 * keeps the formatter the model has, and the caller resets it if it must.
 */
struct model_checkpoint;

/* A copy of m (its rows scratch aside), or NULL with no memory. */
struct model_checkpoint *model_checkpoint_take(struct model *m);
/*
 * The same, sharing with like (NULL: none) every record and line that is
 * unchanged since like was taken: a checkpoint costs what changed, not
 * the whole model.  like may be freed before or after the new one.
 */
struct model_checkpoint *
model_checkpoint_take_like(struct model *m,
			   const struct model_checkpoint *like);
/*
 * m becomes a copy of ck; its line formatter is reset (as by model_reset).
 * Records and lines m has unchanged are kept, the others copied, so a
 * restore costs a compare of each record plus what differs.  0, or -1 with
 * no memory and m as it was.  Pointers into m are invalid after (even to
 * records kept: the caller cannot tell which).
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
