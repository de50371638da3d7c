/* summary_json.c - the summary as one JSON object (--summary-json), written with json-c. */
#include "config.h"

#include <json-c/json.h>
#include <string.h>

#include "decode/decode.h"
#include "output/summary.h"

#define SUMMARY_JSON_VERSION 1

/* A duration, or null when unknown (negative). */
static struct json_object *summary_json_ns(int64_t ns)
{
	return ns < 0 ? NULL : json_object_new_int64(ns);
}

static void summary_json_put(struct json_object *o, const char *key,
			     struct json_object *v)
{
	json_object_object_add(o, key, v);
}

static struct json_object *summary_json_totals(const struct summary_totals *t)
{
	struct json_object *o = json_object_new_object();

	summary_json_put(o, "processes", json_object_new_int64(t->procs));
	summary_json_put(o, "threads", json_object_new_int64(t->threads));
	summary_json_put(o, "execs", json_object_new_int64(t->execs));
	summary_json_put(o, "execs_failed",
			 json_object_new_int64(t->execs_failed));
	summary_json_put(o, "wall_ns", json_object_new_int64(t->wall_ns));
	summary_json_put(o, "peak_live", json_object_new_int64(t->peak_live));
	summary_json_put(o, "reaped", json_object_new_int64(t->reaped));
	summary_json_put(o, "exited_unreaped",
			 json_object_new_int64(t->unreaped));
	summary_json_put(o, "longest_zombie_ns",
			 summary_json_ns(t->longest_zombie_ns));
	return o;
}

static struct json_object *summary_json_cmds(const struct summary_rollup *r)
{
	struct json_object *a = json_object_new_array();

	for (size_t i = 0; i < r->n; i++) {
		const struct summary_cmd *c = &r->cmds[i];
		struct json_object *o = json_object_new_object();

		summary_json_put(o, "command", json_object_new_string(c->name));
		summary_json_put(o, "count", json_object_new_int64(c->count));
		summary_json_put(o, "exited",
				 json_object_new_int64(c->n_lives));
		summary_json_put(o, "failures",
				 json_object_new_int64(c->failures));
		summary_json_put(o, "total_ns",
				 json_object_new_int64(c->total_ns));
		summary_json_put(o, "median_ns",
				 summary_json_ns(c->n_lives ?
							 (int64_t)c->median_ns :
							 -1));
		summary_json_put(
			o, "max_ns",
			summary_json_ns(c->n_lives ? (int64_t)c->max_ns : -1));
		summary_json_put(o, "longest_zombie_ns",
				 summary_json_ns(c->longest_zombie_ns));
		json_object_array_add(a, o);
	}
	return a;
}

static struct json_object *summary_json_signals(const struct summary_live *lv)
{
	struct json_object *a = json_object_new_array();

	for (int s = 1; s < SUMMARY_SIG_MAX; s++) {
		struct json_object *o;
		char name[32];

		if (!lv->sent[s] && !lv->delivered[s])
			continue;
		decode_signal(name, sizeof(name), s);
		o = json_object_new_object();
		summary_json_put(o, "signal", json_object_new_string(name));
		summary_json_put(o, "number", json_object_new_int(s));
		summary_json_put(o, "sent", json_object_new_int64(lv->sent[s]));
		summary_json_put(o, "delivered",
				 json_object_new_int64(lv->delivered[s]));
		json_object_array_add(a, o);
	}
	return a;
}

static struct json_object *summary_json_path(const struct summary_path *path)
{
	struct json_object *a = json_object_new_array();

	for (size_t i = 0; i < path->n; i++) {
		const struct summary_step *s = &path->steps[i];
		struct json_object *o = json_object_new_object();

		summary_json_put(o, "pid", json_object_new_int(s->p->pid));
		summary_json_put(o, "comm",
				 json_object_new_string(s->p->hist->name));
		summary_json_put(o, "lifetime_ns",
				 json_object_new_int64(s->life_ns));
		summary_json_put(o, "self_ns",
				 json_object_new_int64(s->self_ns));
		json_object_array_add(a, o);
	}
	return a;
}

static struct json_object *summary_json_proc(const struct model_proc *p)
{
	struct json_object *o = json_object_new_object();
	const struct ev_status *st = &p->exit_st;
	bool known = p->exited && p->exit_known;
	char sig[32];

	decode_signal(sig, sizeof(sig), st->sig);
	summary_json_put(o, "pid", json_object_new_int(p->pid));
	summary_json_put(o, "ppid", json_object_new_int(p->ppid));
	summary_json_put(o, "comm", json_object_new_string(p->hist->name));
	summary_json_put(o, "start_ns", json_object_new_int64(p->start_ts));
	summary_json_put(o, "lifetime_ns",
			 p->exited ?
				 json_object_new_int64(summary_lifetime(p, 0)) :
				 NULL);
	summary_json_put(
		o, "exit_code",
		known && !st->signaled ? json_object_new_int(st->code) : NULL);
	summary_json_put(o, "exit_signal",
			 known && st->signaled ? json_object_new_string(sig) :
						 NULL);
	summary_json_put(o, "zombie_ns", summary_json_ns(p->zombie_ns));
	summary_json_put(o, "signals_delivered",
			 json_object_new_int64(p->sigs_delivered));
	return o;
}

int summary_write_json(FILE *out, struct model *m,
		       const struct summary_totals *t,
		       const struct summary_rollup *r,
		       const struct summary_live *lv,
		       const struct summary_path *path)
{
	struct json_object *o = json_object_new_object(), *procs;
	size_t n = model_nprocs(m);
	const char *text;
	int rc;

	if (!o)
		return -1;
	procs = json_object_new_array();
	for (size_t i = 0; i < n; i++)
		if (summary_counted(model_proc_at(m, i)))
			json_object_array_add(
				procs, summary_json_proc(model_proc_at(m, i)));
	summary_json_put(o, "version",
			 json_object_new_int(SUMMARY_JSON_VERSION));
	summary_json_put(o, "totals", summary_json_totals(t));
	summary_json_put(o, "commands", summary_json_cmds(r));
	summary_json_put(o, "signals", summary_json_signals(lv));
	summary_json_put(o, "critical_path", summary_json_path(path));
	summary_json_put(o, "processes", procs);
	summary_json_put(o, "incomplete",
			 json_object_new_boolean(model_incomplete(m) ||
						 r->incomplete));
	text = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
	rc = text && fprintf(out, "%s\n", text) >= 0 ? 0 : -1;
	json_object_put(o);
	return rc;
}
