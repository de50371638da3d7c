/* parse.c - one log line's JSON object into struct pt_event, driven by the field tables of event/fields.h. */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "decode/decode.h"
#include "event/fields.h"
#include "event/jsonstr.h"
#include "replay/fields.h"

/* One reader per value shape: reads f->key of o into base. */
typedef bool rp_value_fn(struct rp *p, json_object *o, void *base,
			 const struct ev_field *f);

static bool rp_table(struct rp *p, json_object *o, void *base,
		     const struct ev_table *t, size_t from);

static void *field_at(void *base, const struct ev_field *f)
{
	return (char *)base + f->off;
}

static void set_aux_bool(void *base, const struct ev_field *f, bool b)
{
	memcpy((char *)base + f->aux, &b, sizeof(b));
}

static void set_count(void *base, const struct ev_field *f, size_t n)
{
	memcpy((char *)base + f->aux, &n, sizeof(n));
}

static void set_pointer(void *base, const struct ev_field *f, const void *v)
{
	memcpy(field_at(base, f), &v, sizeof(v));
}

/* ---- regular shapes ---- */

static bool rp_int_field(struct rp *p, json_object *o, void *base,
			 const struct ev_field *f)
{
	bool can_null = f->flags & (EVF_NULLABLE | EVF_NULL_UNLESS_AUX);
	long long v;
	bool isnull;

	if (!rp_int_null(p, o, f->key, f->lo, f->hi, &v, &isnull))
		return false;
	if (isnull && !can_null)
		return rp_fail(p, "field \"%s\" is null", f->key);
	if (f->flags & EVF_NULL_UNLESS_AUX)
		set_aux_bool(base, f, !isnull);
	ev_field_set_int(base, f, isnull ? f->null_value : v);
	return true;
}

static bool rp_u64_field(struct rp *p, json_object *o, void *base,
			 const struct ev_field *f)
{
	return rp_u64(p, o, f->key, field_at(base, f));
}

static bool rp_hex_field(struct rp *p, json_object *o, void *base,
			 const struct ev_field *f)
{
	return rp_hex(p, o, f->key, field_at(base, f));
}

static bool rp_bool_field(struct rp *p, json_object *o, void *base,
			  const struct ev_field *f)
{
	return rp_bool(p, o, f->key, field_at(base, f));
}

/* An omitted string may also be written as null. */
static bool rp_str_field(struct rp *p, json_object *o, void *base,
			 const struct ev_field *f)
{
	bool nullable = f->flags & (EVF_NULLABLE | EVF_OMIT_EMPTY);

	return rp_str(p, o, f->key, nullable, field_at(base, f));
}

static bool rp_chars(struct rp *p, json_object *o, void *base,
		     const struct ev_field *f)
{
	const char *s;

	if (!rp_str(p, o, f->key, false, &s))
		return false;
	snprintf(field_at(base, f), f->size, "%s", s);
	return true;
}

static bool rp_strv_field(struct rp *p, json_object *o, void *base,
			  const struct ev_field *f)
{
	struct ev_strv *sv = field_at(base, f);

	if (!rp_strv(p, o, f->key, sv))
		return false;
	if (!sv->v && !(f->flags & EVF_NULLABLE))
		return rp_fail(p, "field \"%s\" is null", f->key);
	return true;
}

/* 32-bit ids in [lo, hi] from array a into v. */
static bool rp_int32s(struct rp *p, json_object *a, const struct ev_field *f,
		      int32_t *v, size_t n)
{
	long long x;

	for (size_t i = 0; i < n; i++) {
		if (!rp_int_val(p, json_object_array_get_idx(a, i), f->key,
				f->lo, f->hi, &x))
			return false;
		v[i] = (int32_t)x;
	}
	return true;
}

static bool rp_ints(struct rp *p, json_object *o, void *base,
		    const struct ev_field *f)
{
	json_object *a;
	int32_t *v;
	size_t n;

	if (!rp_array(p, o, f->key, false, &a))
		return false;
	n = json_object_array_length(a);
	v = replay_alloc(p->rl, (n + 1) * sizeof(*v));
	if (!v)
		return rp_fail(p, "out of memory");
	set_pointer(base, f, v);
	set_count(base, f, n);
	return rp_int32s(p, a, f, v, n);
}

static bool rp_ints_inline(struct rp *p, json_object *o, void *base,
			   const struct ev_field *f)
{
	json_object *a;
	size_t n;

	if (!rp_array(p, o, f->key, false, &a))
		return false;
	n = json_object_array_length(a);
	if (n > f->max)
		return rp_fail(p, "field \"%s\" has more than %zu ids", f->key,
			       f->max);
	set_count(base, f, n);
	return rp_int32s(p, a, f, field_at(base, f), n);
}

static bool rp_ids4_field(struct rp *p, json_object *o, void *base,
			  const struct ev_field *f)
{
	unsigned ids[4];
	uint32_t *out = field_at(base, f);

	if (!rp_ids4(p, o, f->key, ids))
		return false;
	for (int i = 0; i < 4; i++)
		out[i] = ids[i];
	return true;
}

static bool rp_signal_field(struct rp *p, json_object *o, void *base,
			    const struct ev_field *f)
{
	int sig;

	if (!rp_signal(p, o, f->key, f->flags & EVF_NULLABLE,
		       f->flags & EVF_ZERO_OK, &sig))
		return false;
	ev_field_set_int(base, f, sig);
	return true;
}

static bool rp_errno_field(struct rp *p, json_object *o, void *base,
			   const struct ev_field *f)
{
	const char *s;
	int err;

	if (!rp_str(p, o, f->key, false, &s) ||
	    !rp_errno_name(p, s, f->key, &err))
		return false;
	ev_field_set_int(base, f, err);
	return true;
}

static bool rp_enum_field(struct rp *p, json_object *o, void *base,
			  const struct ev_field *f)
{
	int v;

	if (!rp_enum(p, o, f->key, f->name, f->n_names, f->flags & EVF_NULLABLE,
		     &v))
		return false;
	ev_field_set_int(base, f, v < 0 ? f->null_value : v);
	return true;
}

static bool rp_clone_flags_field(struct rp *p, json_object *o, void *base,
				 const struct ev_field *f)
{
	return rp_clone_flags(p, o, f->key, field_at(base, f));
}

static bool rp_object_field(struct rp *p, json_object *o, void *base,
			    const struct ev_field *f)
{
	json_object *sub;

	return rp_object(p, o, f->key, &sub) &&
	       rp_table(p, sub, field_at(base, f), f->sub, 0);
}

static bool rp_objects(struct rp *p, json_object *o, void *base,
		       const struct ev_field *f)
{
	json_object *a;
	char *elems;
	size_t n;

	if (!rp_array(p, o, f->key, false, &a))
		return false;
	n = json_object_array_length(a);
	elems = replay_alloc(p->rl, (n + 1) * f->elem_size);
	if (!elems)
		return rp_fail(p, "out of memory");
	set_pointer(base, f, elems);
	set_count(base, f, n);
	for (size_t i = 0; i < n; i++) {
		json_object *e = json_object_array_get_idx(a, i);

		if (!e || !json_object_is_type(e, json_type_object))
			return rp_fail(
				p, "field \"%s\": element %zu is not an object",
				f->key, i);
		if (!rp_table(p, e, elems + i * f->elem_size, f->sub, 0))
			return false;
	}
	return true;
}

/* ---- irregular shapes ---- */

static bool rp_state_letter(struct rp *p, json_object *o, void *base,
			    const struct ev_field *f)
{
	char *out = field_at(base, f);
	const char *s;

	*out = 0;
	if (!rp_str(p, o, f->key, true, &s))
		return false;
	if (s && (strlen(s) != 1 || !strchr("RSDTtZXIWPKx", s[0])))
		return rp_fail(p, "field \"%s\" is not a state letter", f->key);
	if (s)
		*out = s[0];
	return true;
}

/* result: 0, an errno name, or null (the sender died inside the call) */
static bool rp_send_result(struct rp *p, json_object *o, void *base,
			   const struct ev_field *f)
{
	struct ev_signal *s = field_at(base, f);
	json_object *res;
	const char *str;
	long long zero;

	if (!rp_req(p, o, f->key, &res, true))
		return false;
	if (!res) {
		s->result_unknown = true;
		return true;
	}
	if (json_object_is_type(res, json_type_int))
		return rp_int(p, o, f->key, 0, 0, &zero);
	return rp_str(p, o, f->key, false, &str) &&
	       rp_errno_name(p, str, f->key, &s->result);
}

static bool rp_si_code(struct rp *p, json_object *o, void *base,
		       const struct ev_field *f)
{
	struct ev_signal *s = field_at(base, f);
	const char *str;

	if (!rp_str(p, o, f->key, false, &str))
		return false;
	if (decode_si_code_number(s->sig, str, &s->code) < 0)
		return rp_fail(p, "field \"%s\": unknown si_code \"%.40s\"",
			       f->key, str);
	return true;
}

static bool rp_wait_status(struct rp *p, json_object *o, void *base,
			   const struct ev_field *f)
{
	const struct ev_field *rows = ev_status_table.rows;
	struct ev_status *st = field_at(base, f);
	json_object *s;
	long long code;
	bool present;

	if (!rp_object(p, o, f->key, &s))
		return false;
	rp_val(s, rows[EV_STATUS_CODE].key, &present);
	if (present) {
		if (!rp_int(p, s, rows[EV_STATUS_CODE].key, INT32_MIN,
			    INT32_MAX, &code))
			return false;
		st->code = (int)code;
		return true;
	}
	st->signaled = true;
	return rp_signal(p, s, rows[EV_STATUS_SIGNAL].key, false, false,
			 &st->sig) &&
	       rp_bool(p, s, rows[EV_STATUS_CORE].key, &st->core);
}

/* The code of an exit; code_known stays set only for a non-null one. */
static bool rp_exit_code(struct rp *p, json_object *o, void *base,
			 const struct ev_field *f)
{
	struct ev_exit *x = field_at(base, f);
	long long code;
	bool isnull;

	if (!rp_int_null(p, o, f->key, f->lo, f->hi, &code, &isnull))
		return false;
	x->st.code = (int)code;
	x->code_known = !isnull;
	return true;
}

/* After the code: a signal makes the status known, but not both. */
static bool rp_exit_signal(struct rp *p, json_object *o, void *base,
			   const struct ev_field *f)
{
	const struct ev_field *rows = ev_status_table.rows;
	struct ev_exit *x = field_at(base, f);

	if (!rp_signal(p, o, f->key, true, false, &x->st.sig))
		return false;
	if (x->code_known && x->st.sig)
		return rp_fail(p, "both \"%s\" and \"%s\" set",
			       rows[EV_STATUS_CODE].key, f->key);
	x->st.signaled = x->st.sig != 0;
	x->code_known = x->code_known || x->st.signaled;
	return true;
}

static bool rp_exit_core(struct rp *p, json_object *o, void *base,
			 const struct ev_field *f)
{
	struct ev_exit *x = field_at(base, f);

	return rp_bool(p, o, f->key, &x->st.core);
}

static bool rp_ns_change(struct rp *p, struct ev_ns *n, const char *key,
			 json_object *val, const struct ev_field *f)
{
	const struct ev_field *rows = ev_ns_change_table.rows;
	int t;

	for (t = 0; t < NS_TYPE_COUNT; t++)
		if (strcmp(decode_ns_name(t), key) == 0)
			break;
	if (t == NS_TYPE_COUNT)
		return rp_fail(p, "field \"%s\": unknown namespace \"%.40s\"",
			       f->key, key);
	if (!val || !json_object_is_type(val, json_type_object))
		return rp_fail(p, "field \"%s.%s\" is not an object", f->key,
			       key);
	if (!rp_u64(p, val, rows[EV_NS_FROM].key, &n->from[t]) ||
	    !rp_u64(p, val, rows[EV_NS_TO].key, &n->to[t]))
		return false;
	n->changed |= 1u << t;
	return true;
}

static bool rp_ns_changed(struct rp *p, json_object *o, void *base,
			  const struct ev_field *f)
{
	json_object *ch;

	if (!rp_object(p, o, f->key, &ch))
		return false;
	json_object_object_foreach(ch, key, val)
	{
		if (!rp_ns_change(p, field_at(base, f), key, val, f))
			return false;
	}
	return true;
}

/* Known keys only: a newer writer's are dropped. */
static bool rp_blind(struct rp *p, json_object *o, void *base,
		     const struct ev_field *f)
{
	struct ev_start *s = field_at(base, f);
	const char **keys;
	json_object *a;
	size_t n;

	if (!rp_array(p, o, f->key, false, &a))
		return false;
	n = json_object_array_length(a);
	keys = replay_alloc(p->rl, (n + 1) * sizeof(*keys));
	if (!keys)
		return rp_fail(p, "out of memory");
	for (size_t i = 0; i < n; i++) {
		const char *k;

		if (!rp_str_val(p, json_object_array_get_idx(a, i), f->key, &k))
			return false;
		for (size_t j = 0; j < event_n_blind; j++)
			if (strcmp(event_blind[j].key, k) == 0)
				keys[s->n_blind++] = event_blind[j].key;
	}
	s->blind = keys;
	return true;
}

/* {"NAME":"VALUE"} back into "NAME=VALUE" entries, in the log's order. */
static bool rp_strmap(struct rp *p, json_object *o, void *base,
		      const struct ev_field *f)
{
	struct ev_strv *sv = field_at(base, f);
	json_object *m;
	char **v;

	if (!rp_object(p, o, f->key, &m))
		return false;
	v = replay_alloc(p->rl, ((size_t)json_object_object_length(m) + 1) *
					sizeof(*v));
	if (!v)
		return rp_fail(p, "out of memory");
	sv->v = v;
	sv->count = 0;
	json_object_object_foreach(m, key, val)
	{
		long klen = jsonstr_to_raw(NULL, 0, key, strlen(key));
		const char *value;
		char *e;

		if (klen < 0 || !rp_str_val(p, val, f->key, &value))
			return rp_fail(p, "field \"%s\": bad entry", f->key);
		e = replay_alloc(p->rl, (size_t)klen + strlen(value) + 2);
		if (!e)
			return rp_fail(p, "out of memory");
		jsonstr_to_raw(e, (size_t)klen + 1, key, strlen(key));
		e[klen] = '=';
		strcpy(e + klen + 1, value);
		v[sv->count++] = e;
	}
	return true;
}

static rp_value_fn *const rp_types[EFT_TYPE_COUNT] = {
	[EFT_INT] = rp_int_field,
	[EFT_U64] = rp_u64_field,
	[EFT_HEX] = rp_hex_field,
	[EFT_BOOL] = rp_bool_field,
	[EFT_STR] = rp_str_field,
	[EFT_CHARS] = rp_chars,
	[EFT_STRV] = rp_strv_field,
	[EFT_INTS] = rp_ints,
	[EFT_INTS_INLINE] = rp_ints_inline,
	[EFT_IDS4] = rp_ids4_field,
	[EFT_SIGNAL] = rp_signal_field,
	[EFT_ERRNO] = rp_errno_field,
	[EFT_ENUM] = rp_enum_field,
	[EFT_CLONE_FLAGS] = rp_clone_flags_field,
	[EFT_OBJECT] = rp_object_field,
	[EFT_OBJECTS] = rp_objects,
	[EFT_STATE_LETTER] = rp_state_letter,
	[EFT_SEND_RESULT] = rp_send_result,
	[EFT_SI_CODE] = rp_si_code,
	[EFT_WAIT_STATUS] = rp_wait_status,
	[EFT_EXIT_CODE] = rp_exit_code,
	[EFT_EXIT_SIGNAL] = rp_exit_signal,
	[EFT_EXIT_CORE] = rp_exit_core,
	[EFT_NS_CHANGED] = rp_ns_changed,
	[EFT_BLIND] = rp_blind,
	[EFT_STRMAP] = rp_strmap,
};

/* ---- the table driver ---- */

/*
 * A row the writer may leave out is read when present; any other row is
 * required when its "when" holds on the rows read above it.
 */
static bool rp_row(struct rp *p, json_object *o, void *base,
		   const struct ev_field *f)
{
	bool present;

	rp_val(o, f->key, &present);
	if (!(f->flags & EVF_OPTIONAL) && f->when && !f->when(base))
		return true;
	if (f->flags & EVF_PRESENT_AUX)
		set_aux_bool(base, f, present);
	if (!present &&
	    (f->flags & (EVF_OPTIONAL | EVF_OMIT_EMPTY | EVF_PRESENT_AUX)))
		return true;
	return rp_types[f->type](p, o, base, f);
}

static bool rp_table(struct rp *p, json_object *o, void *base,
		     const struct ev_table *t, size_t from)
{
	for (size_t i = from; i < t->n_rows; i++)
		if (!rp_row(p, o, base, &t->rows[i]))
			return false;
	return true;
}

/* ---- kinds the table cannot express alone ---- */

/* The schema decides how to read the rest: check it first. */
static bool rp_start(struct rp *p, json_object *o, struct pt_event *ev)
{
	const struct ev_table *t = ev_kind_table(EV_START);

	if (!rp_row(p, o, ev, &t->rows[0]))
		return false;
	if (ev->u.start.schema != 1)
		return rp_fail(
			p,
			"schema %d not supported (this proctrace reads schema 1)",
			ev->u.start.schema);
	return rp_table(p, o, ev, t, 1);
}

/* Only a delivery says what the task does with it. */
static bool rp_signal_kind(struct rp *p, json_object *o, struct pt_event *ev)
{
	ev->u.signal.disposition = SD_UNKNOWN;
	return rp_table(p, o, ev, ev_kind_table(EV_SIGNAL), 0);
}

static bool (*const rp_kind_parsers[EV_KIND_COUNT])(struct rp *p,
						    json_object *o,
						    struct pt_event *ev) = {
	[EV_START] = rp_start,
	[EV_SIGNAL] = rp_signal_kind,
};

/* seq, ts and ev: the order of the log and the kind of the line. */
static bool rp_head(struct rp *p, json_object *o, long long expect_seq,
		    struct pt_event *ev)
{
	const struct ev_field *rows = ev_head_table.rows;
	const char *name;
	int k;

	if (!rp_row(p, o, ev, &rows[0]) || !rp_row(p, o, ev, &rows[1]) ||
	    !rp_str(p, o, rows[2].key, false, &name))
		return false;
	if (expect_seq >= 0 && ev->seq != (uint64_t)expect_seq)
		return rp_fail(
			p,
			"seq %" PRIu64
			", expected %lld (events missing or out of order)",
			ev->seq, expect_seq);
	if ((k = event_kind_from_name(name)) < 0)
		return rp_fail(p, "unknown event \"%.40s\"", name);
	if (expect_seq == 0 && k != EV_START)
		return rp_fail(
			p, "the first line is a \"%s\" event, not \"start\"",
			name);
	if (expect_seq > 0 && k == EV_START)
		return rp_fail(p, "a second \"start\" event");
	ev->kind = (enum ev_kind)k;
	p->ev = event_kind_name(ev->kind);
	return true;
}

bool replay_parse_event(struct rp *p, json_object *o, long long expect_seq,
			struct pt_event *ev)
{
	bool ok;

	if (!rp_head(p, o, expect_seq, ev) ||
	    !rp_table(p, o, ev, &ev_common_table, 0))
		return false;
	if (!ev_kind_has_tid(ev->kind))
		ev->tid = ev->pid;
	if (rp_kind_parsers[ev->kind])
		ok = rp_kind_parsers[ev->kind](p, o, ev);
	else
		ok = rp_table(p, o, ev, ev_kind_table(ev->kind), 0);
	return ok && rp_table(p, o, ev, &ev_tail_table, 0);
}
