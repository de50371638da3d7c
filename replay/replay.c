/* replay.c - the JSON log reader: one line, validated against EVENTS.md, into one struct pt_event. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "decode/decode.h"
#include "event/jsonstr.h"
#include "replay/replay.h"

/* The longest line read: a log line is far shorter; /dev/zero is endless. */
#define REPLAY_LINE_MAX ((size_t)64 << 20)
#define REPLAY_WARN_MAX 2	/* a foreign tool, and a cut or endless log */
#define REPLAY_CHUNK ((size_t)64 << 10)	/* read size of a file log */

struct replay_log {
	char name[256];		/* the path as given, for messages */
	FILE *in;		/* NULL for a memory log */
	bool close_in;
	const char *src;	/* unread input: the memory log, or chunk */
	size_t src_len, src_off;
	char *chunk;		/* read buffer of a file log */
	char *line;		/* the current line, NUL-terminated */
	size_t line_len, line_cap;
	long lineno;
	long long next_seq;
	bool done;
	bool ended;		/* the end event was read: nothing may follow */
	json_tokener *tok;
	/* allocations owned by the current event, freed at the next line */
	void **arena;
	size_t n_arena, arena_cap;
	char err[512];
	char warn[REPLAY_WARN_MAX][320];
	size_t n_warn;
};

/* ---- the per-event arena ---- */

static void replay_arena_reset(struct replay_log *rl)
{
	for (size_t i = 0; i < rl->n_arena; i++)
		free(rl->arena[i]);
	rl->n_arena = 0;
}

static void *replay_alloc(struct replay_log *rl, size_t size)
{
	void *p;

	if (rl->n_arena == rl->arena_cap) {
		size_t cap = rl->arena_cap ? rl->arena_cap * 2 : 64;
		void **a = realloc(rl->arena, cap * sizeof(*a));

		if (!a)
			return NULL;
		rl->arena = a;
		rl->arena_cap = cap;
	}
	p = calloc(1, size ? size : 1);
	if (p)
		rl->arena[rl->n_arena++] = p;
	return p;
}

/* ---- typed field access: each returns false after noting the first error ---- */

struct rp {
	struct replay_log *rl;
	char *err;
	size_t errsize;
	bool failed;
	const char *ev;		/* the event name, for messages */
};

static bool rp_fail(struct rp *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static bool rp_fail(struct rp *p, const char *fmt, ...)
{
	va_list ap;
	size_t n = 0;

	if (p->failed)
		return false;
	p->failed = true;
	if (p->ev)
		n = (size_t)snprintf(p->err, p->errsize, "%s: ", p->ev);
	if (n >= p->errsize)
		return false;
	va_start(ap, fmt);
	vsnprintf(p->err + n, p->errsize - n, fmt, ap);
	va_end(ap);
	return false;
}

/* The value of key; *present false when missing.  A JSON null gives NULL. */
static json_object *rp_val(json_object *o, const char *key, bool *present)
{
	json_object *v = NULL;

	*present = json_object_object_get_ex(o, key, &v);
	return v;
}

static bool rp_req(struct rp *p, json_object *o, const char *key,
		   json_object **v, bool nullable)
{
	bool present;

	*v = rp_val(o, key, &present);
	if (!present)
		return rp_fail(p, "missing field \"%s\"", key);
	if (!*v && !nullable)
		return rp_fail(p, "field \"%s\" is null", key);
	return true;
}

static bool rp_int_val(struct rp *p, json_object *v, const char *key,
		       long long lo, long long hi, long long *out)
{
	int64_t x;

	if (!json_object_is_type(v, json_type_int))
		return rp_fail(p, "field \"%s\" is not an integer", key);
	errno = 0;
	x = json_object_get_int64(v);
	if (errno || x < lo || x > hi)
		return rp_fail(p, "field \"%s\" out of range", key);
	*out = x;
	return true;
}

static bool rp_int(struct rp *p, json_object *o, const char *key, long long lo,
		   long long hi, long long *out)
{
	json_object *v;

	return rp_req(p, o, key, &v, false) && rp_int_val(p, v, key, lo, hi, out);
}

/* An integer or null; *isnull tells which. */
static bool rp_int_null(struct rp *p, json_object *o, const char *key,
			long long lo, long long hi, long long *out, bool *isnull)
{
	json_object *v;

	if (!rp_req(p, o, key, &v, true))
		return false;
	*isnull = !v;
	*out = 0;
	return !v || rp_int_val(p, v, key, lo, hi, out);
}

static bool rp_pid(struct rp *p, json_object *o, const char *key, pid_t *out)
{
	long long x;

	if (!rp_int(p, o, key, 1, INT32_MAX, &x))
		return false;
	*out = (pid_t)x;
	return true;
}

static bool rp_u64(struct rp *p, json_object *o, const char *key, uint64_t *out)
{
	long long x;

	if (!rp_int(p, o, key, 0, INT64_MAX, &x))
		return false;
	*out = (uint64_t)x;
	return true;
}

static bool rp_bool(struct rp *p, json_object *o, const char *key, bool *out)
{
	json_object *v;

	if (!rp_req(p, o, key, &v, false))
		return false;
	if (!json_object_is_type(v, json_type_boolean))
		return rp_fail(p, "field \"%s\" is not a boolean", key);
	*out = json_object_get_boolean(v);
	return true;
}

/* An optional boolean: false when absent. */
static bool rp_bool_opt(struct rp *p, json_object *o, const char *key,
			bool *out)
{
	bool present;

	*out = false;
	rp_val(o, key, &present);
	return !present || rp_bool(p, o, key, out);
}

/* A string value in the \xNN convention, back to its raw bytes (arena). */
static bool rp_str_val(struct rp *p, json_object *v, const char *key,
		       const char **out)
{
	const char *s;
	size_t len;
	long n;
	char *raw;

	if (!json_object_is_type(v, json_type_string))
		return rp_fail(p, "field \"%s\" is not a string", key);
	s = json_object_get_string(v);
	len = (size_t)json_object_get_string_len(v);
	n = jsonstr_to_raw(NULL, 0, s, len);
	if (n < 0)
		return rp_fail(p, "field \"%s\": bad \\x escape", key);
	raw = replay_alloc(p->rl, (size_t)n + 1);
	if (!raw)
		return rp_fail(p, "out of memory");
	jsonstr_to_raw(raw, (size_t)n + 1, s, len);
	*out = raw;
	return true;
}

static bool rp_str(struct rp *p, json_object *o, const char *key,
		   bool nullable, const char **out)
{
	json_object *v;

	*out = NULL;
	if (!rp_req(p, o, key, &v, nullable))
		return false;
	return !v || rp_str_val(p, v, key, out);
}

/* An optional string: NULL when absent or null. */
static bool rp_str_opt(struct rp *p, json_object *o, const char *key,
		       const char **out)
{
	bool present;

	*out = NULL;
	rp_val(o, key, &present);
	return !present || rp_str(p, o, key, true, out);
}

static bool rp_hex_val(struct rp *p, const char *s, const char *key,
		       uint64_t *out)
{
	char *end;

	if (strncmp(s, "0x", 2) != 0 || !s[2] || strchr(s, '-') ||
	    strchr(s, '+') || strchr(s, ' '))
		return rp_fail(p, "field \"%s\" is not a hex string", key);
	errno = 0;
	*out = strtoull(s + 2, &end, 16);
	if (errno || *end)
		return rp_fail(p, "field \"%s\" is not a hex string", key);
	return true;
}

static bool rp_hex(struct rp *p, json_object *o, const char *key,
		   uint64_t *out)
{
	const char *s;

	return rp_str(p, o, key, false, &s) && rp_hex_val(p, s, key, out);
}

static bool rp_hex_opt(struct rp *p, json_object *o, const char *key,
		       uint64_t *out, bool *present)
{
	rp_val(o, key, present);
	*out = 0;
	return !*present || rp_hex(p, o, key, out);
}

static bool rp_signal(struct rp *p, json_object *o, const char *key,
		      bool nullable, int *out)
{
	const char *s;

	*out = 0;
	if (!rp_str(p, o, key, nullable, &s))
		return false;
	if (s && (*out = decode_signal_number(s)) <= 0)
		return rp_fail(p, "field \"%s\": unknown signal \"%.40s\"", key, s);
	return true;
}

static bool rp_errno_name(struct rp *p, const char *s, const char *key,
			  int *out)
{
	if ((*out = decode_errno_number(s)) < 0)
		return rp_fail(p, "field \"%s\": unknown errno \"%.40s\"", key, s);
	return true;
}

/* One of the names namef gives for 0..count-1 (NULL allowed when nullable: -1). */
static bool rp_enum(struct rp *p, json_object *o, const char *key,
		    const char *(*namef)(int), int count, bool nullable,
		    int *out)
{
	const char *s;

	*out = -1;
	if (!rp_str(p, o, key, nullable, &s))
		return false;
	if (!s)
		return true;
	for (int i = 0; i < count; i++) {
		const char *n = namef(i);

		if (n && strcmp(n, s) == 0) {
			*out = i;
			return true;
		}
	}
	return rp_fail(p, "field \"%s\": unknown value \"%.40s\"", key, s);
}

/* Adapters: the name functions take their own enum types. */
static const char *rp_clone_sc(int i) { return event_clone_syscall_name(i); }
static const char *rp_send_sc(int i) { return event_send_syscall_name(i); }
static const char *rp_disp(int i) { return event_disposition_name(i); }
static const char *rp_sigkind(int i) { return event_sig_kind_name(i); }
static const char *rp_vma_op(int i) { return event_vma_op_name(i); }

static const char *rp_wait_sc(int i)
{
	static const char *const n[] = { [WS_WAIT4] = "wait4",
					 [WS_WAITID] = "waitid" };

	return (size_t)i < sizeof(n) / sizeof(n[0]) ? n[i] : NULL;
}

static bool rp_array(struct rp *p, json_object *o, const char *key,
		     bool nullable, json_object **out)
{
	if (!rp_req(p, o, key, out, nullable))
		return false;
	if (*out && !json_object_is_type(*out, json_type_array))
		return rp_fail(p, "field \"%s\" is not an array", key);
	return true;
}

static bool rp_object(struct rp *p, json_object *o, const char *key,
		      json_object **out)
{
	if (!rp_req(p, o, key, out, false))
		return false;
	if (!json_object_is_type(*out, json_type_object))
		return rp_fail(p, "field \"%s\" is not an object", key);
	return true;
}

/* An array of strings (or null: sv->v NULL) into a NULL-terminated vector. */
static bool rp_strv(struct rp *p, json_object *o, const char *key,
		    struct ev_strv *sv)
{
	json_object *a;
	char **v;
	size_t n;

	memset(sv, 0, sizeof(*sv));
	if (!rp_array(p, o, key, true, &a))
		return false;
	if (!a)
		return true;
	n = json_object_array_length(a);
	v = replay_alloc(p->rl, (n + 1) * sizeof(*v));
	if (!v)
		return rp_fail(p, "out of memory");
	for (size_t i = 0; i < n; i++) {
		json_object *e = json_object_array_get_idx(a, i);

		if (!e || !rp_str_val(p, e, key, (const char **)&v[i]))
			return rp_fail(p, "field \"%s\": element %zu is not a string",
				       key, i);
	}
	sv->v = v;
	sv->count = n;
	return true;
}

/* CLONE_* names (and a hex residue) back into a flag word. */
static bool rp_clone_flags(struct rp *p, json_object *o, const char *key,
			   uint64_t *flags)
{
	size_t n_tab;
	const struct xlat *tab = decode_clone_flag_table(&n_tab);
	json_object *a;

	*flags = 0;
	if (!rp_array(p, o, key, false, &a))
		return false;
	for (size_t i = 0; i < json_object_array_length(a); i++) {
		json_object *e = json_object_array_get_idx(a, i);
		const char *s;
		uint64_t v;

		if (!e || !rp_str_val(p, e, key, &s))
			return false;
		if (strncmp(s, "0x", 2) == 0) {
			if (!rp_hex_val(p, s, key, &v))
				return false;
		} else if (xlat_value(tab, n_tab, s, &v) < 0) {
			return rp_fail(p, "field \"%s\": unknown flag \"%.40s\"",
				       key, s);
		}
		*flags |= v;
	}
	return true;
}

static bool rp_ids4(struct rp *p, json_object *o, const char *key,
		    unsigned out[4])
{
	json_object *a;
	long long x;

	if (!rp_array(p, o, key, false, &a))
		return false;
	if (json_object_array_length(a) != 4)
		return rp_fail(p, "field \"%s\" needs 4 ids", key);
	for (size_t i = 0; i < 4; i++)
		if (!rp_int_val(p, json_object_array_get_idx(a, i), key, 0,
				UINT32_MAX, &x))
			return false;
		else
			out[i] = (unsigned)x;
	return true;
}

/* start's optional "blind": known keys only (a newer writer's are dropped). */
static bool rp_blind(struct rp *p, json_object *o, struct ev_start *s)
{
	const char **keys;
	json_object *a;
	bool present;
	size_t n;

	rp_val(o, "blind", &present);
	if (!present)
		return true;
	if (!rp_array(p, o, "blind", false, &a))
		return false;
	n = json_object_array_length(a);
	keys = replay_alloc(p->rl, (n + 1) * sizeof(*keys));
	if (!keys)
		return rp_fail(p, "out of memory");
	for (size_t i = 0; i < n; i++) {
		const char *k;

		if (!rp_str_val(p, json_object_array_get_idx(a, i), "blind", &k))
			return false;
		for (size_t j = 0; j < event_n_blind; j++)
			if (strcmp(event_blind[j].key, k) == 0)
				keys[s->n_blind++] = event_blind[j].key;
	}
	s->blind = keys;
	return true;
}

/* ---- one parser per event kind (the fields after the common ones) ---- */

static bool rp_start(struct rp *p, json_object *o, struct pt_event *ev)
{
	struct ev_start *s = &ev->u.start;
	long long schema, x;
	const char *mode;
	bool present;
	json_object *a;

	if (!rp_int(p, o, "schema", 0, INT32_MAX, &schema))
		return false;
	if (schema != 1)
		return rp_fail(p, "schema %lld not supported (this proctrace reads schema 1)",
			       schema);
	s->schema = 1;
	if (!rp_str(p, o, "tool", false, &s->tool) ||
	    !rp_str(p, o, "version", false, &s->version) ||
	    !rp_str(p, o, "mode", false, &mode) ||
	    !rp_str(p, o, "kernel", false, &s->kernel))
		return false;
	if (strcmp(mode, "attach") == 0) {
		pid_t *pids;

		s->attach_mode = true;
		if (!rp_array(p, o, "attach_pids", false, &a))
			return false;
		s->n_attach_pids = json_object_array_length(a);
		pids = replay_alloc(p->rl, (s->n_attach_pids + 1) * sizeof(*pids));
		if (!pids)
			return rp_fail(p, "out of memory");
		for (size_t i = 0; i < s->n_attach_pids; i++) {
			if (!rp_int_val(p, json_object_array_get_idx(a, i),
					"attach_pids", 1, INT32_MAX, &x))
				return false;
			pids[i] = (pid_t)x;
		}
		s->attach_pids = pids;
	} else if (strcmp(mode, "run") == 0) {
		if (!rp_strv(p, o, "argv", &s->argv))
			return false;
		if (!s->argv.v)
			return rp_fail(p, "field \"argv\" is null");
	} else {
		return rp_fail(p, "field \"mode\": unknown value \"%.40s\"", mode);
	}
	rp_val(o, "realtime_ns", &present);
	if (present && !rp_u64(p, o, "realtime_ns", &s->realtime_ns))
		return false;
	return rp_blind(p, o, s);
}

static bool rp_attach(struct rp *p, json_object *o, struct pt_event *ev)
{
	return rp_str(p, o, "comm", true, &ev->u.attach.comm);
}

static bool rp_clone(struct rp *p, json_object *o, struct pt_event *ev)
{
	struct ev_clone *c = &ev->u.clone;
	int sc;

	if (!rp_pid(p, o, "child_pid", &c->child_pid) ||
	    !rp_pid(p, o, "child_tid", &c->child_tid) ||
	    !rp_enum(p, o, "syscall", rp_clone_sc, 4, false, &sc) ||
	    !rp_clone_flags(p, o, "flags", &c->flags) ||
	    !rp_hex(p, o, "flags_raw", &c->flags_raw) ||
	    !rp_bool(p, o, "thread", &c->thread) ||
	    !rp_signal(p, o, "exit_signal", true, &c->exit_signal))
		return false;
	c->syscall = (enum clone_syscall)sc;
	return true;
}

static bool rp_exec(struct rp *p, json_object *o, struct pt_event *ev)
{
	struct ev_exec *x = &ev->u.exec;
	const char *en;
	bool present;
	long long t;

	if (!rp_bool(p, o, "ok", &x->ok) ||
	    !rp_str(p, o, "filename", true, &x->filename) ||
	    !rp_strv(p, o, "argv", &x->argv) ||
	    !rp_bool_opt(p, o, "argv_truncated", &x->argv.truncated))
		return false;
	rp_val(o, "env", &present);
	if (present && (!rp_strv(p, o, "env", &x->envp) ||
			!rp_bool_opt(p, o, "env_truncated", &x->envp.truncated)))
		return false;
	if (!x->ok)
		return rp_str(p, o, "errno", false, &en) &&
		       rp_errno_name(p, en, "errno", &x->err);
	if (!rp_str(p, o, "exe", true, &x->exe) ||
	    !rp_str(p, o, "comm", true, &x->comm))
		return false;
	rp_val(o, "old_tid", &present);
	if (present && !rp_int(p, o, "old_tid", 1, INT32_MAX, &t))
		return false;
	x->old_tid = present ? (pid_t)t : 0;
	return true;
}

static bool rp_exit(struct rp *p, json_object *o, struct pt_event *ev)
{
	struct ev_exit *x = &ev->u.exit;
	long long code;
	bool code_null;

	if (!rp_bool(p, o, "group", &x->group) ||
	    !rp_int_null(p, o, "code", INT32_MIN, INT32_MAX, &code, &code_null) ||
	    !rp_signal(p, o, "signal", true, &x->st.sig) ||
	    !rp_bool(p, o, "core", &x->st.core))
		return false;
	if (!code_null && x->st.sig)
		return rp_fail(p, "both \"code\" and \"signal\" set");
	x->st.signaled = x->st.sig != 0;
	x->st.code = (int)code;
	x->code_known = !code_null || x->st.signaled;
	return true;
}

static bool rp_status(struct rp *p, json_object *o, const char *key,
		      struct ev_status *st)
{
	json_object *s;
	long long code;
	bool present;

	if (!rp_object(p, o, key, &s))
		return false;
	rp_val(s, "code", &present);
	if (present) {
		if (!rp_int(p, s, "code", INT32_MIN, INT32_MAX, &code))
			return false;
		st->code = (int)code;
		return true;
	}
	st->signaled = true;
	return rp_signal(p, s, "signal", false, &st->sig) &&
	       rp_bool(p, s, "core", &st->core);
}

static bool rp_reap(struct rp *p, json_object *o, struct pt_event *ev)
{
	struct ev_reap *r = &ev->u.reap;
	long long zns;
	bool znull;
	int sc;

	if (!rp_pid(p, o, "child_pid", &r->child_pid) ||
	    !rp_enum(p, o, "syscall", rp_wait_sc, 3, true, &sc) ||
	    !rp_status(p, o, "status", &r->st) ||
	    !rp_int_null(p, o, "zombie_ns", 0, INT64_MAX, &zns, &znull))
		return false;
	r->syscall = sc < 0 ? WS_UNKNOWN : (enum wait_syscall)sc;
	r->zombie_ns = znull ? -1 : zns;
	return true;
}

static bool rp_reparent(struct rp *p, json_object *o, struct pt_event *ev)
{
	return rp_pid(p, o, "old_ppid", &ev->u.reparent.old_ppid) &&
	       rp_pid(p, o, "new_ppid", &ev->u.reparent.new_ppid);
}

static bool rp_signal_ev(struct rp *p, json_object *o, struct pt_event *ev)
{
	struct ev_signal *s = &ev->u.signal;
	json_object *res;
	const char *str;
	long long x;
	bool isnull;
	int k;

	if (!rp_enum(p, o, "kind", rp_sigkind, 4, false, &k) ||
	    !rp_signal(p, o, "sig", false, &s->sig))
		return false;
	s->kind = (enum sig_kind)k;
	s->disposition = SD_UNKNOWN;
	switch (s->kind) {
	case SK_SEND:
		if (!rp_int(p, o, "target_pid", INT32_MIN, INT32_MAX, &x))
			return false;
		s->target_pid = (pid_t)x;
		if (!rp_int_null(p, o, "target_tid", 0, INT32_MAX, &x, &isnull) ||
		    !rp_enum(p, o, "syscall", rp_send_sc, 6, false, &k) ||
		    !rp_req(p, o, "result", &res, true))
			return false;
		s->target_tid = (pid_t)x;
		s->syscall = (enum send_syscall)k;
		/* result: 0, an errno name, or null (the sender died inside) */
		if (!res) {
			s->result_unknown = true;
		} else if (json_object_is_type(res, json_type_int)) {
			if (!rp_int(p, o, "result", 0, 0, &x))
				return false;
			s->result = 0;
		} else if (!rp_str(p, o, "result", false, &str) ||
			   !rp_errno_name(p, str, "result", &s->result)) {
			return false;
		}
		break;
	case SK_DELIVER:
		if (!rp_str(p, o, "code", false, &str))
			return false;
		if (decode_si_code_number(s->sig, str, &s->code) < 0)
			return rp_fail(p, "field \"code\": unknown si_code \"%.40s\"", str);
		rp_val(o, "sender_pid", &s->has_sender);
		if (s->has_sender) {
			if (!rp_int(p, o, "sender_pid", 0, INT32_MAX, &x))
				return false;
			s->sender_pid = (pid_t)x;
		}
		if (!rp_hex_opt(p, o, "addr", &s->addr, &s->has_addr) ||
		    !rp_enum(p, o, "disposition", rp_disp, 4, true, &k))
			return false;
		s->disposition = k < 0 ? SD_UNKNOWN : (enum sig_disposition)k;
		break;
	case SK_STOP:
	case SK_CONT:
		break;
	}
	return true;
}

static bool rp_cred_set(struct rp *p, json_object *o, const char *key,
			struct ev_cred_set *c)
{
	const struct ev_cap_set_field *caps = ev_cap_sets;
	json_object *s, *g;
	unsigned ids[4];
	gid_t *groups;
	long long x;

	if (!rp_object(p, o, key, &s) || !rp_ids4(p, s, "uid", ids))
		return false;
	for (int i = 0; i < 4; i++)
		c->uid[i] = ids[i];
	if (!rp_ids4(p, s, "gid", ids))
		return false;
	for (int i = 0; i < 4; i++)
		c->gid[i] = ids[i];
	if (!rp_array(p, s, "groups", false, &g))
		return false;
	c->n_groups = json_object_array_length(g);
	groups = replay_alloc(p->rl, (c->n_groups + 1) * sizeof(*groups));
	if (!groups)
		return rp_fail(p, "out of memory");
	for (size_t i = 0; i < c->n_groups; i++) {
		if (!rp_int_val(p, json_object_array_get_idx(g, i), "groups", 0,
				UINT32_MAX, &x))
			return false;
		groups[i] = (gid_t)x;
	}
	c->groups = groups;
	for (size_t i = 0; i < EV_CAP_SETS; i++) {
		uint64_t v;

		if (!rp_hex(p, s, caps[i].name, &v))
			return false;
		memcpy((char *)c + caps[i].off, &v, sizeof(v));
	}
	if (!rp_bool(p, s, "no_new_privs", &c->no_new_privs) ||
	    !rp_int(p, s, "seccomp", 0, 2, &x))
		return false;
	c->seccomp = (int)x;
	return true;
}

static bool rp_creds(struct rp *p, json_object *o, struct pt_event *ev)
{
	struct ev_creds *c = &ev->u.creds;

	return rp_str(p, o, "cause", false, &c->cause) &&
	       rp_cred_set(p, o, "before", &c->before) &&
	       rp_cred_set(p, o, "after", &c->after) &&
	       rp_str_opt(p, o, "note", &c->note);
}

static bool rp_ns(struct rp *p, json_object *o, struct pt_event *ev)
{
	struct ev_ns *n = &ev->u.ns;
	json_object *ch;
	bool present;

	if (!rp_str(p, o, "cause", false, &n->cause) ||
	    !rp_object(p, o, "changed", &ch))
		return false;
	json_object_object_foreach(ch, key, val) {
		int t;

		for (t = 0; t < NS_TYPE_COUNT; t++)
			if (strcmp(event_ns_type_name(t), key) == 0)
				break;
		if (t == NS_TYPE_COUNT)
			return rp_fail(p, "field \"changed\": unknown namespace \"%.40s\"",
				       key);
		if (!val || !json_object_is_type(val, json_type_object))
			return rp_fail(p, "field \"changed.%s\" is not an object", key);
		if (!rp_u64(p, val, "from", &n->from[t]) ||
		    !rp_u64(p, val, "to", &n->to[t]))
			return false;
		n->changed |= 1u << t;
	}
	rp_val(o, "flags", &present);
	return !present || rp_clone_flags(p, o, "flags", &n->flags);
}

static bool rp_vma(struct rp *p, json_object *o, struct pt_event *ev)
{
	struct ev_vma *v = &ev->u.vma;
	struct ev_region *regs;
	json_object *a;
	int op;

	if (!rp_enum(p, o, "op", rp_vma_op, 4, false, &op) ||
	    !rp_str(p, o, "cause", false, &v->cause) ||
	    !rp_array(p, o, "regions", false, &a))
		return false;
	v->op = (enum vma_op)op;
	v->n_regions = json_object_array_length(a);
	regs = replay_alloc(p->rl, (v->n_regions + 1) * sizeof(*regs));
	if (!regs)
		return rp_fail(p, "out of memory");
	for (size_t i = 0; i < v->n_regions; i++) {
		json_object *r = json_object_array_get_idx(a, i);
		const char *perm;

		if (!r || !json_object_is_type(r, json_type_object))
			return rp_fail(p, "field \"regions\": element %zu is not an object", i);
		if (!rp_hex(p, r, "start", &regs[i].start) ||
		    !rp_hex(p, r, "end", &regs[i].end) ||
		    !rp_str(p, r, "perm", false, &perm) ||
		    !rp_hex(p, r, "offset", &regs[i].offset) ||
		    !rp_str(p, r, "path", false, &regs[i].path) ||
		    !rp_bool_opt(p, r, "wx", &regs[i].wx) ||
		    !rp_bool_opt(p, r, "exec_new", &regs[i].exec_new))
			return false;
		snprintf(regs[i].perm, sizeof(regs[i].perm), "%s", perm);
	}
	v->regions = regs;
	return true;
}

static bool rp_plt(struct rp *p, json_object *o, struct pt_event *ev)
{
	struct ev_plt *x = &ev->u.plt;

	return rp_str(p, o, "symbol", false, &x->symbol) &&
	       rp_str(p, o, "object", false, &x->object) &&
	       rp_hex(p, o, "plt", &x->plt) && rp_hex(p, o, "got", &x->got) &&
	       rp_hex(p, o, "target", &x->target) &&
	       rp_str(p, o, "target_sym", true, &x->target_sym) &&
	       rp_str(p, o, "target_object", true, &x->target_object) &&
	       rp_bool(p, o, "bound", &x->bound) &&
	       rp_hex(p, o, "caller", &x->caller) &&
	       rp_str_opt(p, o, "caller_sym", &x->caller_sym);
}

static bool rp_state_letter(struct rp *p, json_object *o, const char *key,
			    char *out)
{
	const char *s;

	*out = 0;
	if (!rp_str(p, o, key, true, &s))
		return false;
	if (s && (strlen(s) != 1 || !strchr("RSDTtZXIWPKx", s[0])))
		return rp_fail(p, "field \"%s\" is not a state letter", key);
	if (s)
		*out = s[0];
	return true;
}

static bool rp_state(struct rp *p, json_object *o, struct pt_event *ev)
{
	return rp_state_letter(p, o, "from", &ev->u.state.from) &&
	       rp_state_letter(p, o, "to", &ev->u.state.to);
}

static bool rp_notice(struct rp *p, json_object *o, struct pt_event *ev)
{
	return rp_str(p, o, "what", false, &ev->u.notice.what) &&
	       rp_str(p, o, "message", false, &ev->u.notice.message);
}

static bool rp_end(struct rp *p, json_object *o, struct pt_event *ev)
{
	struct ev_end *e = &ev->u.end;
	long long code;
	bool isnull;

	if (!rp_u64(p, o, "events", &e->events) ||
	    !rp_u64(p, o, "dropped", &e->dropped) ||
	    !rp_int_null(p, o, "exit_code", INT32_MIN, INT32_MAX, &code, &isnull))
		return false;
	e->has_exit_code = !isnull;
	e->exit_code = (int)code;
	return true;
}

static bool rp_frames(struct rp *p, json_object *o, struct pt_event *ev)
{
	struct ev_frame *fr;
	json_object *a;
	size_t n;

	if (!rp_array(p, o, "stack", false, &a))
		return false;
	n = json_object_array_length(a);
	fr = replay_alloc(p->rl, (n + 1) * sizeof(*fr));
	if (!fr)
		return rp_fail(p, "out of memory");
	for (size_t i = 0; i < n; i++) {
		json_object *f = json_object_array_get_idx(a, i);
		bool present;
		long long line = 0;

		if (!f || !json_object_is_type(f, json_type_object))
			return rp_fail(p, "field \"stack\": frame %zu is not an object", i);
		if (!rp_hex(p, f, "ip", &fr[i].ip) ||
		    !rp_str_opt(p, f, "sym", &fr[i].sym) ||
		    !rp_hex_opt(p, f, "off", &fr[i].off, &present) ||
		    !rp_str_opt(p, f, "module", &fr[i].module) ||
		    !rp_str_opt(p, f, "file", &fr[i].file))
			return false;
		rp_val(f, "line", &present);
		if (present && !rp_int(p, f, "line", 0, INT32_MAX, &line))
			return false;
		fr[i].line = (int)line;
	}
	ev->stack = fr;
	ev->n_stack = n;
	return true;
}

/* Which common fields each kind carries (as json_sink writes them). */
static const struct {
	bool pid, tid;
	bool (*fields)(struct rp *p, json_object *o, struct pt_event *ev);
} rp_kinds[EV_KIND_COUNT] = {
	[EV_START] = { false, false, rp_start },
	[EV_ATTACH] = { true, true, rp_attach },
	[EV_CLONE] = { true, true, rp_clone },
	[EV_EXEC] = { true, true, rp_exec },
	[EV_EXIT] = { true, true, rp_exit },
	[EV_REAP] = { true, true, rp_reap },
	[EV_REPARENT] = { true, false, rp_reparent },
	[EV_SIGNAL] = { true, true, rp_signal_ev },
	[EV_CREDS] = { true, true, rp_creds },
	[EV_NS] = { true, true, rp_ns },
	[EV_VMA] = { true, false, rp_vma },
	[EV_PLT] = { true, true, rp_plt },
	[EV_STATE] = { true, true, rp_state },
	[EV_DETACH] = { true, true, NULL },
	[EV_END] = { false, false, rp_end },
	[EV_NOTICE] = { true, true, rp_notice },
};

static bool rp_common(struct rp *p, json_object *o, long long expect_seq,
		      struct pt_event *ev)
{
	const char *name;
	long long x;
	json_object *a;
	bool present;
	int k;

	if (!rp_u64(p, o, "seq", &ev->seq) || !rp_u64(p, o, "ts", &ev->ts) ||
	    !rp_str(p, o, "ev", false, &name))
		return false;
	if (expect_seq >= 0 && ev->seq != (uint64_t)expect_seq)
		return rp_fail(p, "seq %" PRIu64 ", expected %lld (events missing or out of order)",
			       ev->seq, expect_seq);
	if ((k = event_kind_from_name(name)) < 0)
		return rp_fail(p, "unknown event \"%.40s\"", name);
	if (expect_seq == 0 && k != EV_START)
		return rp_fail(p, "the first line is a \"%s\" event, not \"start\"", name);
	if (expect_seq > 0 && k == EV_START)
		return rp_fail(p, "a second \"start\" event");
	ev->kind = (enum ev_kind)k;
	p->ev = event_kind_name(ev->kind);
	if (rp_kinds[k].pid && !rp_pid(p, o, "pid", &ev->pid))
		return false;
	if (rp_kinds[k].tid && !rp_pid(p, o, "tid", &ev->tid))
		return false;
	if (!rp_kinds[k].tid)
		ev->tid = ev->pid;
	rp_val(o, "nspid", &present);
	if (present) {
		if (!rp_array(p, o, "nspid", false, &a))
			return false;
		ev->n_nspid = json_object_array_length(a);
		if (ev->n_nspid > EV_NSPID_MAX)
			return rp_fail(p, "field \"nspid\" has more than %d ids",
				       EV_NSPID_MAX);
		for (size_t i = 0; i < ev->n_nspid; i++) {
			if (!rp_int_val(p, json_object_array_get_idx(a, i),
					"nspid", 1, INT32_MAX, &x))
				return false;
			ev->nspid[i] = (pid_t)x;
		}
	}
	if (!rp_bool_opt(p, o, "inferred", &ev->inferred))
		return false;
	rp_val(o, "ts_lo", &present);
	if (present && !rp_u64(p, o, "ts_lo", &ev->ts_lo))
		return false;
	rp_val(o, "stack", &present);
	return !present || rp_frames(p, o, ev);
}

int replay_parse_line(struct replay_log *rl, const char *line, size_t len,
		      long long expect_seq, struct pt_event *ev, char *err,
		      size_t errsize)
{
	struct rp p = { .rl = rl, .err = err, .errsize = errsize };
	enum json_tokener_error jerr;
	json_object *o;
	size_t end;
	bool ok;

	replay_arena_reset(rl);
	memset(ev, 0, sizeof(*ev));
	while (len > 0 && (line[len - 1] == '\r' || line[len - 1] == ' '))
		len--;
	if (len == 0) {
		snprintf(err, errsize, "empty line");
		return -1;
	}
	json_tokener_reset(rl->tok);
	o = json_tokener_parse_ex(rl->tok, line, (int)len);
	jerr = json_tokener_get_error(rl->tok);
	if (!o || jerr != json_tokener_success) {
		if (jerr == json_tokener_continue)
			snprintf(err, errsize, "not JSON: the object is not closed");
		else
			snprintf(err, errsize, "not JSON: %s",
				 json_tokener_error_desc(jerr));
		json_object_put(o);
		return -1;
	}
	end = json_tokener_get_parse_end(rl->tok);
	if (end < len) {
		snprintf(err, errsize, "not JSON: text after the object (column %zu)",
			 end + 1);
		json_object_put(o);
		return -1;
	}
	if (!json_object_is_type(o, json_type_object)) {
		snprintf(err, errsize, "not a JSON object");
		json_object_put(o);
		return -1;
	}
	ok = rp_common(&p, o, expect_seq, ev);
	if (ok && rp_kinds[ev->kind].fields)
		ok = rp_kinds[ev->kind].fields(&p, o, ev);
	json_object_put(o);
	return ok ? 0 : -1;
}

/* ---- the reader ---- */

static struct replay_log *replay_new(const char *name)
{
	struct replay_log *rl = calloc(1, sizeof(*rl));

	if (!rl)
		return NULL;
	snprintf(rl->name, sizeof(rl->name), "%s", name);
	rl->tok = json_tokener_new_ex(64);
	if (!rl->tok) {
		free(rl);
		return NULL;
	}
	return rl;
}

struct replay_log *replay_open(const char *path, char *err, size_t errsize)
{
	struct replay_log *rl;
	FILE *in = stdin;

	if (strcmp(path, "-") != 0) {
		in = fopen(path, "re");
		if (!in) {
			snprintf(err, errsize, "cannot open %s: %s", path,
				 strerror(errno));
			return NULL;
		}
	}
	rl = replay_new(path);
	if (!rl) {
		snprintf(err, errsize, "out of memory");
		if (in != stdin)
			fclose(in);
		return NULL;
	}
	rl->in = in;
	rl->close_in = in != stdin;
	rl->chunk = malloc(REPLAY_CHUNK);
	if (!rl->chunk) {
		snprintf(err, errsize, "out of memory");
		replay_close(rl);
		return NULL;
	}
	rl->src = rl->chunk;
	return rl;
}

struct replay_log *replay_open_mem(const char *buf, size_t len,
				   const char *name)
{
	struct replay_log *rl = replay_new(name);

	if (rl) {
		rl->src = buf;
		rl->src_len = len;
	}
	return rl;
}

/* Bytes of input not yet read, refilling the chunk of a file log. */
static size_t replay_avail(struct replay_log *rl)
{
	if (rl->src_off == rl->src_len && rl->in) {
		rl->src_len = fread(rl->chunk, 1, REPLAY_CHUNK, rl->in);
		rl->src_off = 0;
	}
	return rl->src_len - rl->src_off;
}

/* Room for len bytes and a NUL in rl->line, never above the cap. */
static int replay_line_room(struct replay_log *rl, size_t len)
{
	size_t cap = rl->line_cap ? rl->line_cap : 4096;
	char *b;

	if (len + 1 <= rl->line_cap)
		return 0;
	while (cap < len + 1)
		cap *= 2;
	if (cap > REPLAY_LINE_MAX + 1)
		cap = REPLAY_LINE_MAX + 1;
	b = realloc(rl->line, cap);
	if (!b)
		return -1;
	rl->line = b;
	rl->line_cap = cap;
	return 0;
}

enum replay_read { REPLAY_LINE, REPLAY_EOF, REPLAY_TOO_LONG, REPLAY_OOM };

/*
 * The next line, without its newline, into rl->line and rl->line_len, one
 * reader for file and memory logs.  A line over REPLAY_LINE_MAX stops
 * there: never more than that much is held.
 */
static enum replay_read replay_getline(struct replay_log *rl,
				       bool *had_newline)
{
	size_t avail, take;
	const char *p, *nl;
	bool any = false;

	rl->line_len = 0;
	*had_newline = false;
	while ((avail = replay_avail(rl)) > 0) {
		p = rl->src + rl->src_off;
		nl = memchr(p, '\n', avail);
		take = nl ? (size_t)(nl - p) : avail;
		any = true;
		if (rl->line_len + take > REPLAY_LINE_MAX)
			return REPLAY_TOO_LONG;
		if (replay_line_room(rl, rl->line_len + take) < 0)
			return REPLAY_OOM;
		memcpy(rl->line + rl->line_len, p, take);
		rl->line_len += take;
		rl->src_off += take + (nl ? 1 : 0);
		if (nl) {
			*had_newline = true;
			break;
		}
	}
	/* A read error ends the log there, reported as such, not as a cut line. */
	if (!any || (rl->in && ferror(rl->in)))
		return REPLAY_EOF;
	rl->line[rl->line_len] = '\0';
	return REPLAY_LINE;
}

static void replay_warn(struct replay_log *rl, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void replay_warn(struct replay_log *rl, const char *fmt, ...)
{
	va_list ap;

	if (rl->n_warn == REPLAY_WARN_MAX)
		return;
	va_start(ap, fmt);
	vsnprintf(rl->warn[rl->n_warn++], sizeof(rl->warn[0]), fmt, ap);
	va_end(ap);
}

/* At the end of the input: an error, or 0 with a warning if no end came. */
static int replay_eof(struct replay_log *rl)
{
	rl->done = true;
	if (rl->in && ferror(rl->in)) {
		snprintf(rl->err, sizeof(rl->err), "%s: read error: %s",
			 rl->name, strerror(errno));
		return -1;
	}
	if (rl->lineno == 0) {
		snprintf(rl->err, sizeof(rl->err), "%s: empty log", rl->name);
		return -1;
	}
	if (!rl->ended)
		replay_warn(rl, "%.200s:%ld: no \"end\" event: the log is cut short",
			    rl->name, rl->lineno);
	return 0;
}

int replay_next(struct replay_log *rl, struct pt_event *ev)
{
	char msg[400];
	bool had_newline;
	enum replay_read got;

	if (rl->done)
		return 0;
	got = replay_getline(rl, &had_newline);
	if (got == REPLAY_TOO_LONG || got == REPLAY_OOM) {
		rl->done = true;
		snprintf(rl->err, sizeof(rl->err), "%.200s:%ld: %s", rl->name,
			 rl->lineno + 1, got == REPLAY_OOM ? "out of memory" :
			 "line longer than 64 MiB");
		return -1;
	}
	if (rl->ended) {
		rl->done = true;
		if (got == REPLAY_EOF)
			return 0;
		snprintf(rl->err, sizeof(rl->err),
			 "%s:%ld: text after the \"end\" event", rl->name,
			 rl->lineno + 1);
		return -1;
	}
	if (got == REPLAY_EOF)
		return replay_eof(rl);
	rl->lineno++;
	if (replay_parse_line(rl, rl->line, rl->line_len, rl->next_seq, ev, msg,
			      sizeof(msg)) < 0) {
		rl->done = true;
		/* A killed tracer leaves a cut last line: warn, keep the rest. */
		if (!had_newline && rl->lineno > 1 && strncmp(msg, "not JSON", 8) == 0) {
			replay_warn(rl, "%.200s:%ld: truncated last line ignored",
				    rl->name, rl->lineno);
			return 0;
		}
		snprintf(rl->err, sizeof(rl->err), "%.200s:%ld: %.280s", rl->name,
			 rl->lineno, msg);
		return -1;
	}
	rl->next_seq++;
	if (ev->kind == EV_START && strcmp(ev->u.start.tool, "proctrace") != 0)
		replay_warn(rl, "%.200s:%ld: written by \"%.40s\", not proctrace: read as a proctrace log",
			    rl->name, rl->lineno, ev->u.start.tool);
	if (ev->kind == EV_END)
		rl->ended = true;
	return 1;
}

const char *replay_line(const struct replay_log *rl, size_t *len)
{
	*len = rl->line ? rl->line_len : 0;
	return rl->line ? rl->line : "";
}

const char *replay_error(const struct replay_log *rl)
{
	return rl->err;
}

const char *replay_warning(const struct replay_log *rl, size_t i)
{
	return i < rl->n_warn ? rl->warn[i] : NULL;
}

void replay_close(struct replay_log *rl)
{
	if (!rl)
		return;
	replay_arena_reset(rl);
	free(rl->arena);
	free(rl->line);
	free(rl->chunk);
	json_tokener_free(rl->tok);
	if (rl->close_in)
		fclose(rl->in);
	free(rl);
}
