/* fields.c - typed getters over json-c for the log reader: each notes the first error and returns false. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decode.h"
#include "event/jsonstr.h"
#include "replay/fields.h"

bool rp_fail(struct rp *p, const char *fmt, ...)
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
json_object *rp_val(json_object *o, const char *key, bool *present)
{
	json_object *v = NULL;

	*present = json_object_object_get_ex(o, key, &v);
	return v;
}

bool rp_req(struct rp *p, json_object *o, const char *key, json_object **v,
	    bool nullable)
{
	bool present;

	*v = rp_val(o, key, &present);
	if (!present)
		return rp_fail(p, "missing field \"%s\"", key);
	if (!*v && !nullable)
		return rp_fail(p, "field \"%s\" is null", key);
	return true;
}

bool rp_int_val(struct rp *p, json_object *v, const char *key, long long lo,
		long long hi, long long *out)
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

bool rp_int(struct rp *p, json_object *o, const char *key, long long lo,
	    long long hi, long long *out)
{
	json_object *v;

	return rp_req(p, o, key, &v, false) &&
	       rp_int_val(p, v, key, lo, hi, out);
}

/* An integer or null; *isnull tells which. */
bool rp_int_null(struct rp *p, json_object *o, const char *key, long long lo,
		 long long hi, long long *out, bool *isnull)
{
	json_object *v;

	if (!rp_req(p, o, key, &v, true))
		return false;
	*isnull = !v;
	*out = 0;
	return !v || rp_int_val(p, v, key, lo, hi, out);
}

bool rp_u64(struct rp *p, json_object *o, const char *key, uint64_t *out)
{
	long long x;

	if (!rp_int(p, o, key, 0, INT64_MAX, &x))
		return false;
	*out = (uint64_t)x;
	return true;
}

bool rp_bool(struct rp *p, json_object *o, const char *key, bool *out)
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
/* A string value in the \xNN convention, back to its raw bytes (arena). */
bool rp_str_val(struct rp *p, json_object *v, const char *key, const char **out)
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

bool rp_str(struct rp *p, json_object *o, const char *key, bool nullable,
	    const char **out)
{
	json_object *v;

	*out = NULL;
	if (!rp_req(p, o, key, &v, nullable))
		return false;
	return !v || rp_str_val(p, v, key, out);
}

/* An optional string: NULL when absent or null. */
bool rp_hex_val(struct rp *p, const char *s, const char *key, uint64_t *out)
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

bool rp_hex(struct rp *p, json_object *o, const char *key, uint64_t *out)
{
	const char *s;

	return rp_str(p, o, key, false, &s) && rp_hex_val(p, s, key, out);
}

bool rp_signal(struct rp *p, json_object *o, const char *key, bool nullable,
	       bool zero_ok, int *out)
{
	const char *s;

	*out = 0;
	if (!rp_str(p, o, key, nullable, &s))
		return false;
	if (s &&
	    ((*out = decode_signal_number(s)) < 0 || (*out == 0 && !zero_ok)))
		return rp_fail(p, "field \"%s\": unknown signal \"%.40s\"", key,
			       s);
	return true;
}

bool rp_errno_name(struct rp *p, const char *s, const char *key, int *out)
{
	if ((*out = decode_errno_number(s)) < 0)
		return rp_fail(p, "field \"%s\": unknown errno \"%.40s\"", key,
			       s);
	return true;
}

/* One of the names namef gives for 0..count-1 (NULL allowed when nullable: -1). */
bool rp_enum(struct rp *p, json_object *o, const char *key,
	     const char *(*namef)(int), int count, bool nullable, int *out)
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

bool rp_array(struct rp *p, json_object *o, const char *key, bool nullable,
	      json_object **out)
{
	if (!rp_req(p, o, key, out, nullable))
		return false;
	if (*out && !json_object_is_type(*out, json_type_array))
		return rp_fail(p, "field \"%s\" is not an array", key);
	return true;
}

bool rp_object(struct rp *p, json_object *o, const char *key, json_object **out)
{
	if (!rp_req(p, o, key, out, false))
		return false;
	if (!json_object_is_type(*out, json_type_object))
		return rp_fail(p, "field \"%s\" is not an object", key);
	return true;
}

/* An array of strings (or null: sv->v NULL) into a NULL-terminated vector. */
bool rp_strv(struct rp *p, json_object *o, const char *key, struct ev_strv *sv)
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
			return rp_fail(
				p, "field \"%s\": element %zu is not a string",
				key, i);
	}
	sv->v = v;
	sv->count = n;
	return true;
}

/* CLONE_* names (and a hex residue) back into a flag word. */
bool rp_clone_flags(struct rp *p, json_object *o, const char *key,
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
			return rp_fail(p,
				       "field \"%s\": unknown flag \"%.40s\"",
				       key, s);
		}
		*flags |= v;
	}
	return true;
}

bool rp_ids4(struct rp *p, json_object *o, const char *key, unsigned out[4])
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
