/* json_sink.c - the JSON Lines event log: one object per event (../shared/EVENTS.md). */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decode.h"
#include "output/json_sink.h"
#include "event/fields.h"
#include "event/jsonstr.h"

/* Buffer of a log file the sink owns; flushed at least once a second anyway. */
#define JSON_SINK_BUFSIZE (256 * 1024)

struct json_sink {
	FILE *out;
	bool close_file;
	char *vbuf; /* setvbuf buffer, only when we own out */
};

/*
 * Every value is written from the field tables of event/fields.h: one
 * writer per value shape, json_types[] below.  No key is spelled here.
 */
typedef void json_value_fn(FILE *out, const void *base,
			   const struct ev_field *f);

static void json_table(FILE *out, const void *base, const struct ev_table *t,
		       bool *first);

/* ---- values ---- */

/* A string from the tracee (or anything else): NULL becomes null. */
static void json_str(FILE *out, const char *s)
{
	if (s)
		jsonstr_write(out, s, strlen(s));
	else
		fputs("null", out);
}

/*
 * Numbers and keys by hand, not with fprintf: parsing the format was a
 * tenth of the tracer's time per --plt hit (perf), and every event writes
 * several of them.
 */
static void json_put_u64(FILE *out, uint64_t v)
{
	char b[24], *p = b + sizeof(b);

	do
		*--p = (char)('0' + v % 10);
	while (v /= 10);
	fwrite(p, 1, (size_t)(b + sizeof(b) - p), out);
}

static void json_put_ll(FILE *out, long long v)
{
	if (v < 0)
		fputc('-', out);
	json_put_u64(out, v < 0 ? -(uint64_t)v : (uint64_t)v);
}

static void json_hex(FILE *out, uint64_t v)
{
	char b[24], *p = b + sizeof(b);

	*--p = '"';
	do
		*--p = "0123456789abcdef"[v & 15];
	while (v >>= 4);
	*--p = 'x';
	*--p = '0';
	*--p = '"';
	fwrite(p, 1, (size_t)(b + sizeof(b) - p), out);
}

/* Signal name; unknown ones come back from the decoder as "SIG42". */
static void json_signal(FILE *out, int sig)
{
	char name[32];

	decode_signal(name, sizeof(name), sig);
	jsonstr_write(out, name, strlen(name));
}

static void json_errno(FILE *out, int err)
{
	char name[32];

	decode_errno(name, sizeof(name), err);
	jsonstr_write(out, name, strlen(name));
}

static void json_key(FILE *out, const char *key, bool *first)
{
	if (!*first)
		fputc(',', out);
	fputc('"', out);
	fputs(key, out);
	fputs("\":", out);
	*first = false;
}

static uint64_t field_u64(const void *base, const struct ev_field *f)
{
	uint64_t v;

	memcpy(&v, ev_field_ptr(base, f), sizeof(v));
	return v;
}

static bool field_bool(const void *base, const struct ev_field *f)
{
	bool b;

	memcpy(&b, ev_field_ptr(base, f), sizeof(b));
	return b;
}

static const void *field_pointer(const void *base, const struct ev_field *f)
{
	const void *p;

	memcpy(&p, ev_field_ptr(base, f), sizeof(p));
	return p;
}

static size_t field_count(const void *base, const struct ev_field *f)
{
	size_t n;

	memcpy(&n, (const char *)base + f->aux, sizeof(n));
	return n;
}

static bool field_aux_bool(const void *base, const struct ev_field *f)
{
	bool b;

	memcpy(&b, (const char *)base + f->aux, sizeof(b));
	return b;
}

static void json_int(FILE *out, const void *base, const struct ev_field *f)
{
	long long v = ev_field_get_int(base, f);

	if ((f->flags & EVF_NULL_UNLESS_AUX) && !field_aux_bool(base, f))
		fputs("null", out);
	else if ((f->flags & EVF_NULLABLE) && (v == f->null_value || v < f->lo))
		fputs("null", out);
	else
		json_put_ll(out, v);
}

static void json_u64(FILE *out, const void *base, const struct ev_field *f)
{
	json_put_u64(out, field_u64(base, f));
}

static void json_hex_field(FILE *out, const void *base,
			   const struct ev_field *f)
{
	json_hex(out, field_u64(base, f));
}

static void json_bool(FILE *out, const void *base, const struct ev_field *f)
{
	fputs(field_bool(base, f) ? "true" : "false", out);
}

static void json_str_field(FILE *out, const void *base,
			   const struct ev_field *f)
{
	const char *s = field_pointer(base, f);

	json_str(out, !s && (f->flags & EVF_NULL_AS_EMPTY) ? "" : s);
}

static void json_chars(FILE *out, const void *base, const struct ev_field *f)
{
	const char *s = ev_field_ptr(base, f);

	jsonstr_write(out, s, strnlen(s, f->size));
}

static void json_strv(FILE *out, const void *base, const struct ev_field *f)
{
	const struct ev_strv *sv = ev_field_ptr(base, f);

	if (!sv->v) {
		fputs("null", out);
		return;
	}
	putc('[', out);
	for (size_t i = 0; sv->v[i]; i++) {
		if (i)
			putc(',', out);
		json_str(out, sv->v[i]);
	}
	putc(']', out);
}

/* 32-bit ids: pids signed, uids and gids (lo 0) unsigned. */
static void json_int32s(FILE *out, const int32_t *v, size_t n, long long lo)
{
	putc('[', out);
	for (size_t i = 0; i < n && v; i++) {
		if (lo < 0)
			fprintf(out, "%s%d", i ? "," : "", v[i]);
		else
			fprintf(out, "%s%u", i ? "," : "", (uint32_t)v[i]);
	}
	putc(']', out);
}

static void json_ints(FILE *out, const void *base, const struct ev_field *f)
{
	json_int32s(out, field_pointer(base, f), field_count(base, f), f->lo);
}

static void json_ints_inline(FILE *out, const void *base,
			     const struct ev_field *f)
{
	size_t n = field_count(base, f);

	json_int32s(out, ev_field_ptr(base, f), n < f->max ? n : f->max, f->lo);
}

static void json_ids4(FILE *out, const void *base, const struct ev_field *f)
{
	json_int32s(out, ev_field_ptr(base, f), 4, 0);
}

static void json_signal_field(FILE *out, const void *base,
			      const struct ev_field *f)
{
	int sig = (int)ev_field_get_int(base, f);

	if (!sig && (f->flags & EVF_NULLABLE))
		fputs("null", out);
	else
		json_signal(out, sig);
}

static void json_errno_field(FILE *out, const void *base,
			     const struct ev_field *f)
{
	json_errno(out, (int)ev_field_get_int(base, f));
}

static void json_enum(FILE *out, const void *base, const struct ev_field *f)
{
	json_str(out, f->name((int)ev_field_get_int(base, f)));
}

/*
 * CLONE_* names of flags as an array; bits without a name are not dropped
 * but written as one hex string at the end (as strace prints the residue).
 */
static void json_clone_flags(FILE *out, const void *base,
			     const struct ev_field *f)
{
	const char *names[64];
	size_t n_tab, n, shown;
	const struct xlat *tab = decode_clone_flag_table(&n_tab);
	uint64_t flags = field_u64(base, f), residue = flags;

	n = xlat_flag_names(tab, n_tab, flags, names, 64, &residue);
	shown = n < 64 ? n : 64;
	putc('[', out);
	for (size_t i = 0; i < shown; i++)
		fprintf(out, "%s\"%s\"", i ? "," : "", names[i]);
	if (residue)
		fprintf(out, "%s\"0x%" PRIx64 "\"", shown ? "," : "", residue);
	putc(']', out);
}

static void json_object(FILE *out, const void *obj, const struct ev_table *t)
{
	bool first = true;

	putc('{', out);
	json_table(out, obj, t, &first);
	putc('}', out);
}

static void json_object_field(FILE *out, const void *base,
			      const struct ev_field *f)
{
	json_object(out, ev_field_ptr(base, f), f->sub);
}

static void json_objects(FILE *out, const void *base, const struct ev_field *f)
{
	const char *elems = field_pointer(base, f);
	size_t n = field_count(base, f);

	putc('[', out);
	for (size_t i = 0; i < n && elems; i++) {
		if (i)
			putc(',', out);
		json_object(out, elems + i * f->elem_size, f->sub);
	}
	putc(']', out);
}

/* ---- irregular shapes ---- */

/* A one-letter /proc state; '\0' (not known) becomes null. */
static void json_state_letter(FILE *out, const void *base,
			      const struct ev_field *f)
{
	const char *c = ev_field_ptr(base, f);

	if (*c)
		jsonstr_write(out, c, 1);
	else
		fputs("null", out);
}

static void json_send_result(FILE *out, const void *base,
			     const struct ev_field *f)
{
	const struct ev_signal *s = ev_field_ptr(base, f);

	if (s->result_unknown)
		fputs("null", out);
	else if (s->result)
		json_errno(out, s->result);
	else
		putc('0', out);
}

static void json_si_code(FILE *out, const void *base, const struct ev_field *f)
{
	const struct ev_signal *s = ev_field_ptr(base, f);
	char code[48];

	decode_si_code(code, sizeof(code), s->sig, s->code);
	jsonstr_write(out, code, strlen(code));
}

/* {"code":N} or {"signal":"SIGX","core":bool} */
static void json_wait_status(FILE *out, const void *base,
			     const struct ev_field *f)
{
	const struct ev_status *st = ev_field_ptr(base, f);
	const struct ev_field *rows = ev_status_table.rows;
	bool first = true;

	putc('{', out);
	if (st->signaled) {
		json_key(out, rows[EV_STATUS_SIGNAL].key, &first);
		json_signal(out, st->sig);
		json_key(out, rows[EV_STATUS_CORE].key, &first);
		fputs(st->core ? "true" : "false", out);
	} else {
		json_key(out, rows[EV_STATUS_CODE].key, &first);
		fprintf(out, "%d", st->code);
	}
	putc('}', out);
}

static void json_exit_code(FILE *out, const void *base,
			   const struct ev_field *f)
{
	const struct ev_exit *x = ev_field_ptr(base, f);

	if (x->code_known && !x->st.signaled)
		fprintf(out, "%d", x->st.code);
	else
		fputs("null", out);
}

static void json_exit_signal(FILE *out, const void *base,
			     const struct ev_field *f)
{
	const struct ev_exit *x = ev_field_ptr(base, f);

	if (x->code_known && x->st.signaled)
		json_signal(out, x->st.sig);
	else
		fputs("null", out);
}

static void json_exit_core(FILE *out, const void *base,
			   const struct ev_field *f)
{
	const struct ev_exit *x = ev_field_ptr(base, f);
	bool core = x->code_known && x->st.signaled && x->st.core;

	fputs(core ? "true" : "false", out);
}

/* {"pid":{"from":N,"to":N},...} for the namespaces that changed */
static void json_ns_changed(FILE *out, const void *base,
			    const struct ev_field *f)
{
	const struct ev_ns *n = ev_field_ptr(base, f);
	const struct ev_field *rows = ev_ns_change_table.rows;
	bool first = true;

	putc('{', out);
	for (int t = 0; t < NS_TYPE_COUNT; t++) {
		bool inner = true;

		if (!(n->changed & (1u << t)))
			continue;
		json_key(out, decode_ns_name(t), &first);
		putc('{', out);
		json_key(out, rows[EV_NS_FROM].key, &inner);
		fprintf(out, "%" PRIu64, n->from[t]);
		json_key(out, rows[EV_NS_TO].key, &inner);
		fprintf(out, "%" PRIu64 "}", n->to[t]);
	}
	putc('}', out);
}

static void json_blind(FILE *out, const void *base, const struct ev_field *f)
{
	const struct ev_start *s = ev_field_ptr(base, f);

	putc('[', out);
	for (size_t i = 0; i < s->n_blind; i++) {
		if (i)
			putc(',', out);
		json_str(out, s->blind[i]);
	}
	putc(']', out);
}

/* "NAME=VALUE" entries as {"NAME":"VALUE"}; no '=': the value is "". */
static void json_strmap(FILE *out, const void *base, const struct ev_field *f)
{
	const struct ev_strv *sv = ev_field_ptr(base, f);

	putc('{', out);
	for (size_t i = 0; sv->v && sv->v[i]; i++) {
		const char *eq = strchr(sv->v[i], '=');
		size_t klen = eq ? (size_t)(eq - sv->v[i]) : strlen(sv->v[i]);

		if (i)
			putc(',', out);
		jsonstr_write(out, sv->v[i], klen);
		putc(':', out);
		json_str(out, eq ? eq + 1 : "");
	}
	putc('}', out);
}

static json_value_fn *const json_types[EFT_TYPE_COUNT] = {
	[EFT_INT] = json_int,
	[EFT_U64] = json_u64,
	[EFT_HEX] = json_hex_field,
	[EFT_BOOL] = json_bool,
	[EFT_STR] = json_str_field,
	[EFT_CHARS] = json_chars,
	[EFT_STRV] = json_strv,
	[EFT_INTS] = json_ints,
	[EFT_INTS_INLINE] = json_ints_inline,
	[EFT_IDS4] = json_ids4,
	[EFT_SIGNAL] = json_signal_field,
	[EFT_ERRNO] = json_errno_field,
	[EFT_ENUM] = json_enum,
	[EFT_CLONE_FLAGS] = json_clone_flags,
	[EFT_OBJECT] = json_object_field,
	[EFT_OBJECTS] = json_objects,
	[EFT_STATE_LETTER] = json_state_letter,
	[EFT_SEND_RESULT] = json_send_result,
	[EFT_SI_CODE] = json_si_code,
	[EFT_WAIT_STATUS] = json_wait_status,
	[EFT_EXIT_CODE] = json_exit_code,
	[EFT_EXIT_SIGNAL] = json_exit_signal,
	[EFT_EXIT_CORE] = json_exit_core,
	[EFT_NS_CHANGED] = json_ns_changed,
	[EFT_BLIND] = json_blind,
	[EFT_STRMAP] = json_strmap,
};

/* What EVF_OMIT_EMPTY leaves out: no string, zero, false, no entries. */
static bool json_field_empty(const void *base, const struct ev_field *f)
{
	switch (f->type) {
	case EFT_STR:
	case EFT_STRV: /* its first member is the vector */
		return !field_pointer(base, f);
	case EFT_BOOL:
		return !field_bool(base, f);
	case EFT_INT:
		return !ev_field_get_int(base, f);
	case EFT_INTS_INLINE:
		return !field_count(base, f);
	case EFT_OBJECTS:
		return !field_count(base, f) || !field_pointer(base, f);
	case EFT_BLIND:
		return !((const struct ev_start *)ev_field_ptr(base, f))
				->n_blind;
	default:
		return !field_u64(base, f);
	}
}

static bool json_field_present(const void *base, const struct ev_field *f)
{
	if (f->when && !f->when(base))
		return false;
	if (f->flags & EVF_PRESENT_AUX)
		return field_aux_bool(base, f);
	return !(f->flags & EVF_OMIT_EMPTY) || !json_field_empty(base, f);
}

static void json_table(FILE *out, const void *base, const struct ev_table *t,
		       bool *first)
{
	for (size_t i = 0; i < t->n_rows; i++) {
		const struct ev_field *f = &t->rows[i];

		if (!json_field_present(base, f))
			continue;
		json_key(out, f->key, first);
		json_types[f->type](out, base, f);
	}
}

static void json_sink_event(void *ctx, const struct pt_event *ev)
{
	struct json_sink *js = ctx;
	FILE *out = js->out;
	bool first = true;

	if ((unsigned)ev->kind >= EV_KIND_COUNT)
		return;
	putc('{', out);
	json_table(out, ev, &ev_head_table, &first);
	json_table(out, ev, &ev_common_table, &first);
	json_table(out, ev, ev_kind_table(ev->kind), &first);
	json_table(out, ev, &ev_tail_table, &first);
	fputs("}\n", out);
}

static void json_sink_flush(void *ctx)
{
	struct json_sink *js = ctx;

	fflush(js->out);
}

static int json_sink_close(void *ctx)
{
	struct json_sink *js = ctx;
	int ret = 0, err = 0;

	/* An earlier failed write leaves only the error flag: say EIO then. */
	if (fflush(js->out) != 0) {
		ret = -1;
		err = errno;
	} else if (ferror(js->out)) {
		ret = -1;
		err = EIO;
	}
	if (js->close_file && fclose(js->out) != 0 && ret == 0) {
		ret = -1;
		err = errno;
	}
	free(js->vbuf);
	free(js);
	if (ret)
		errno = err;
	return ret;
}

/*
 * When the sink owns out (close_file), it gives it a large buffer: out must
 * be freshly opened, with no I/O done yet.  A borrowed stream (stdout) keeps
 * the buffering its owner chose, since the buffer would outlive the sink.
 */
void *json_sink_new(FILE *out, bool close_file)
{
	struct json_sink *js = calloc(1, sizeof(*js));

	if (!js)
		return NULL;
	js->out = out;
	js->close_file = close_file;
	if (close_file) {
		js->vbuf = malloc(JSON_SINK_BUFSIZE);
		if (js->vbuf &&
		    setvbuf(out, js->vbuf, _IOFBF, JSON_SINK_BUFSIZE) != 0) {
			free(js->vbuf);
			js->vbuf = NULL;
		}
	}
	return js;
}

const struct sink_ops json_sink_ops = {
	.name = "json",
	.event = json_sink_event,
	.flush = json_sink_flush,
	.close = json_sink_close,
};
