/* fields.h - typed getters over json-c for the log reader (inside replay/ only). */
#ifndef PROCTRACE_REPLAY_FIELDS_H
#define PROCTRACE_REPLAY_FIELDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

#include "replay/replay.h"

/* One line being parsed: where its first error goes. */
struct rp {
	struct replay_log *rl;
	char *err;
	size_t errsize;
	bool failed;
	const char *ev; /* the event name, for messages */
};

/* Memory owned by the current event, freed at the next line (reader.c). */
void *replay_alloc(struct replay_log *rl, size_t size);

/* Note the first error ("EVENT: what"); always returns false. */
bool rp_fail(struct rp *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Each getter reads key of object o (or the value v), returns true with
 * the value in *out, or false after rp_fail.  Strings are copied to raw
 * bytes in the event's memory.
 */
/* The value of key; *present false when missing.  A JSON null gives NULL. */
json_object *rp_val(json_object *o, const char *key, bool *present);
bool rp_req(struct rp *p, json_object *o, const char *key, json_object **v,
	    bool nullable);
bool rp_int_val(struct rp *p, json_object *v, const char *key, long long lo,
		long long hi, long long *out);
bool rp_int(struct rp *p, json_object *o, const char *key, long long lo,
	    long long hi, long long *out);
/* An integer or null; *isnull tells which. */
bool rp_int_null(struct rp *p, json_object *o, const char *key, long long lo,
		 long long hi, long long *out, bool *isnull);
bool rp_u64(struct rp *p, json_object *o, const char *key, uint64_t *out);
bool rp_bool(struct rp *p, json_object *o, const char *key, bool *out);
bool rp_str_val(struct rp *p, json_object *v, const char *key,
		const char **out);
bool rp_str(struct rp *p, json_object *o, const char *key, bool nullable,
	    const char **out);
bool rp_hex_val(struct rp *p, const char *s, const char *key, uint64_t *out);
bool rp_hex(struct rp *p, json_object *o, const char *key, uint64_t *out);
/* A signal name; 0 for null when nullable, and for "0" when zero_ok. */
bool rp_signal(struct rp *p, json_object *o, const char *key, bool nullable,
	       bool zero_ok, int *out);
bool rp_errno_name(struct rp *p, const char *s, const char *key, int *out);
/* One of the names namef gives for 0..count-1 (null when nullable: -1). */
bool rp_enum(struct rp *p, json_object *o, const char *key,
	     const char *(*namef)(int), int count, bool nullable, int *out);
bool rp_array(struct rp *p, json_object *o, const char *key, bool nullable,
	      json_object **out);
bool rp_object(struct rp *p, json_object *o, const char *key,
	       json_object **out);
/* An array of strings (or null: sv->v NULL) into a NULL-terminated vector. */
bool rp_strv(struct rp *p, json_object *o, const char *key, struct ev_strv *sv);
/* CLONE_* names (and a hex residue) back into a flag word. */
bool rp_clone_flags(struct rp *p, json_object *o, const char *key,
		    uint64_t *flags);
bool rp_ids4(struct rp *p, json_object *o, const char *key, unsigned out[4]);

/* The fields of one event after the JSON is parsed (parse.c). */
bool replay_parse_event(struct rp *p, json_object *o, long long expect_seq,
			struct pt_event *ev);

#endif
