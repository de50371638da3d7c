/* summary.h - what the --summary parts compute from a keep-all model, shared by output/summary_*.c. */
#ifndef PROCTRACE_SUMMARY_H
#define PROCTRACE_SUMMARY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "event/event.h"
#include "model/model.h"

#define SUMMARY_SIG_MAX 65 /* signal numbers 1..64 */

/* Counted as the events pass: nothing per event is kept. */
struct summary_live {
	uint64_t execs, execs_failed;
	uint64_t first_ts, last_ts;
	bool any;
	size_t peak_live;
	uint64_t sent[SUMMARY_SIG_MAX], delivered[SUMMARY_SIG_MAX];
};

struct summary_totals {
	size_t procs, threads, reaped, unreaped;
	uint64_t execs, execs_failed, wall_ns;
	size_t peak_live;
	int64_t longest_zombie_ns; /* -1: none reaped */
};

/* One program: the processes whose last image had its name. */
struct summary_cmd {
	char name[16];
	size_t count, failures, n_lives;
	uint64_t total_ns, median_ns, max_ns;
	int64_t longest_zombie_ns; /* -1: none */
	uint64_t *lives; /* the exited processes' lifetimes, sorted at the end */
	size_t cap_lives;
};

struct summary_rollup {
	struct summary_cmd *cmds; /* by total lifetime, longest first */
	size_t n, cap;
	bool incomplete; /* out of memory: some processes not counted */
};

/* One step of the critical path: the root first. */
struct summary_step {
	struct model_proc *p;
	uint64_t life_ns, self_ns;
};

struct summary_path {
	struct summary_step *steps;
	size_t n;
};

/* summary_rollup.c */
void summary_live_event(struct summary_live *lv, struct model *m,
			const struct pt_event *ev);
void summary_totals(struct model *m, const struct summary_live *lv,
		    struct summary_totals *t);
bool summary_counted(const struct model_proc *p);
uint64_t summary_lifetime(const struct model_proc *p, uint64_t last_ts);
void summary_rollup(struct model *m, struct summary_rollup *r);
void summary_rollup_free(struct summary_rollup *r);
void summary_print_totals(FILE *out, const struct summary_totals *t);
void summary_print_rollup(FILE *out, const struct summary_rollup *r);
void summary_print_signals(FILE *out, const struct summary_live *lv);

/* summary_critical.c */
int summary_critical_path(struct model *m, uint64_t last_ts,
			  struct summary_path *path);
void summary_print_path(FILE *out, const struct summary_path *path);

/* summary_json.c */
int summary_write_json(FILE *out, struct model *m,
		       const struct summary_totals *t,
		       const struct summary_rollup *r,
		       const struct summary_live *lv,
		       const struct summary_path *path);

#endif
