/* tests/tui/test_checkpoint_log.h - the checkpoint tests' log and model compare (test_checkpoint_log.c). */
#ifndef PROCTRACE_TESTS_TEST_CHECKPOINT_LOG_H
#define PROCTRACE_TESTS_TEST_CHECKPOINT_LOG_H

#include <stdbool.h>
#include <stddef.h>

#include "model/model.h"

#define LOG_EVENTS 6000
#define POOL 40 /* pids 1000..1039: reused after their reap */

extern struct pt_event log_ev[LOG_EVENTS];
extern size_t n_log;

/* log_ev[0..n_log): a deterministic mix, zombies left long and pid reuse */
void gen_log(void);
/* The event pane formatter: "kind pid seq". */
extern const struct model_line_ops fmt_ops;
/* A view model with fmt_ops, or a keep-all one. */
struct model *new_model(bool keep_all);
/* Events from..to of the log into m. */
void feed_range(struct model *m, size_t from, size_t to);
/* Everything a view or the summary reads of the two models is the same. */
bool same_model(struct model *a, struct model *b);

#endif
