/* tests/tui/test_checkpoint.c - a model restored from a checkpoint and fed on equals one rebuilt from event 0, whatever state it was restored over and whatever the checkpoints share. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/checkpoint.h"
#include "tests/tui/test_checkpoint_log.h"

#define CK_EVERY 250

static int failures, cases;

static void check(bool ok, const char *what)
{
	cases++;
	if (!ok && failures++ < 20)
		printf("FAIL: %s\n", what);
}

/*
 * Forward to n taking checkpoints every CK_EVERY events, back to mm from
 * the nearest one, then on to the events after: always equal to a model
 * rebuilt from 0.  Also the forgetful model trims reaped records across
 * checkpoints (MODEL_GONE_MAX), which the pool's reuse exercises.
 */
static void test_steps(bool keep_all)
{
	struct model_checkpoint *ck[LOG_EVENTS / CK_EVERY + 1] = { NULL };
	struct model *m = new_model(keep_all);
	size_t pairs[][2] = { { 6000, 5999 }, { 6000, 1 },    { 5000, 4999 },
			      { 3000, 250 },  { 2600, 2500 }, { 1000, 10 },
			      { 4321, 4000 }, { 5999, 3333 }, { 260, 251 } };
	char msg[160];

	for (size_t k = 0; k < sizeof(pairs) / sizeof(pairs[0]); k++) {
		size_t n = pairs[k][0], mm = pairs[k][1], c;
		struct model *fresh = new_model(keep_all);

		model_reset(m);
		for (size_t i = 0; i < n; i++) {
			if (i % CK_EVERY == 0 && !ck[i / CK_EVERY])
				ck[i / CK_EVERY] = model_checkpoint_take(m);
			model_event(m, &log_ev[i]);
		}
		c = mm / CK_EVERY;
		check(ck[c] && model_checkpoint_events(ck[c]) == c * CK_EVERY,
		      "checkpoint taken after its events");
		check(model_checkpoint_restore(m, ck[c]) == 0, "restore");
		feed_range(m, c * CK_EVERY, mm);
		feed_range(fresh, 0, mm);
		snprintf(msg, sizeof(msg), "%s: forward to %zu, back to %zu",
			 keep_all ? "keep-all" : "view", n, mm);
		check(same_model(m, fresh), msg);
		/* and on: the restored model goes on like the fresh one */
		feed_range(m, mm, n);
		feed_range(fresh, mm, n);
		snprintf(msg, sizeof(msg), "%s: back to %zu, on to %zu",
			 keep_all ? "keep-all" : "view", mm, n);
		check(same_model(m, fresh), msg);
		model_free(fresh);
	}
	/* a checkpoint survives restores: restoring twice gives the same */
	check(model_checkpoint_restore(m, ck[3]) == 0 && ck[3] &&
		      model_events(m) == 3 * CK_EVERY,
	      "restore again");
	for (size_t i = 0; i < sizeof(ck) / sizeof(ck[0]); i++)
		model_checkpoint_free(ck[i]);
	model_free(m);
}

#define RAND_CK 97 /* not a divisor of anything above */
#define RAND_SEEKS 300

/*
 * Checkpoints that share with the one before (take_like), restored over a
 * model in whatever state the seek before left it, at random positions:
 * restore + forward is always the model fed from event 0.  Half of the
 * checkpoints are freed on the way, so shared records outlive their first
 * owner.
 */
static void test_random(bool keep_all)
{
	static struct model_checkpoint *ck[LOG_EVENTS / RAND_CK + 2];
	struct model *m = new_model(keep_all);
	size_t n_ck = 0, bad = 0;
	unsigned r = 777;
	char msg[160];

	for (size_t i = 0; i <= n_log; i++) {
		if (i % RAND_CK == 0) {
			ck[n_ck] = model_checkpoint_take_like(
				m, n_ck ? ck[n_ck - 1] : NULL);
			check(ck[n_ck] &&
				      model_checkpoint_events(ck[n_ck]) == i,
			      "shared checkpoint taken");
			n_ck++;
		}
		if (i < n_log)
			model_event(m, &log_ev[i]);
	}
	for (int k = 0; k < RAND_SEEKS; k++) {
		struct model *fresh = new_model(keep_all);
		size_t t, c;

		r = r * 1103515245u + 12345u;
		t = (r >> 4) % (n_log + 1);
		c = t / RAND_CK;
		if (k ==
		    RAND_SEEKS / 2) /* free the odd ones: their shares stay */
			for (size_t i = 1; i < n_ck; i += 2) {
				model_checkpoint_free(ck[i]);
				ck[i] = NULL;
			}
		if (!ck[c])
			c--;
		check(model_checkpoint_restore(m, ck[c]) == 0, "restore");
		feed_range(m, c * RAND_CK, t);
		feed_range(fresh, 0, t);
		if (!same_model(m, fresh) && bad++ < 5) {
			snprintf(msg, sizeof(msg),
				 "%s: seek %d to %zu from checkpoint %zu",
				 keep_all ? "keep-all" : "view", k, t, c);
			check(false, msg);
		} else {
			check(true, "seek");
		}
		model_free(fresh);
	}
	for (size_t i = 0; i < n_ck; i++)
		model_checkpoint_free(ck[i]);
	model_free(m);
}

int main(void)
{
	size_t zombies = 0, reuse = 0;
	struct model *m = model_new_keep_all();

	gen_log();
	feed_range(m, 0, n_log);
	for (size_t i = 0; i < model_nprocs(m); i++)
		zombies += model_proc_at(m, i)->exited &&
			   !model_proc_at(m, i)->reaped;
	reuse = model_nprocs(m) - POOL;
	model_free(m);
	check(n_log >= LOG_EVENTS - 4 && zombies > 0 && reuse > 100,
	      "the log has zombies and pid reuse");
	test_steps(false);
	test_steps(true);
	test_random(false);
	test_random(true);
	printf("%d/%d checks passed (%zu events, %zu zombies at the end)\n",
	       cases - failures, cases, n_log, zombies);
	return failures ? 1 : 0;
}
