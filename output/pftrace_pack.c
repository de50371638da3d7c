/* pftrace_pack.c - TracePackets of one sequence, with interned names and strings, packed by protobuf-c. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "output/pftrace_internal.h"

#define PFT_SEQUENCE_ID 1
/* A table this full is dropped and the sequence's state cleared: memory
 * stays bounded however many distinct strings a log holds. */
#define PFT_INTERN_MAX 65536
#define PFT_BUCKETS 16384
/* New strings one packet can intern: its name, and per arg key and value. */
#define PFT_NEW_MAX (1 + 2 * PFT_ARGS_MAX)

struct pft_str {
	struct pft_str *next;
	uint64_t iid;
	size_t len;
	char s[];
};

/* One interning table: event names, arg names or arg string values. */
struct pft_intern {
	struct pft_str *bucket[PFT_BUCKETS];
	size_t count;
};

enum pft_table { PFT_NAMES, PFT_KEYS, PFT_VALUES, PFT_TABLES };

struct pft_writer {
	FILE *out;
	int err; /* the first write error's errno */
	bool cleared; /* the next packet must say the state was cleared */
	struct pft_intern tab[PFT_TABLES];
	/* what the packet being built adds to the interned data */
	Perfetto__Protos__EventName names[PFT_NEW_MAX];
	Perfetto__Protos__DebugAnnotationName keys[PFT_NEW_MAX];
	Perfetto__Protos__InternedString values[PFT_NEW_MAX];
	void *newp[PFT_TABLES][PFT_NEW_MAX];
	size_t n_new[PFT_TABLES];
	uint8_t *buf;
	size_t bufsize;
};

static uint64_t pft_hash(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ull;

	while (len--)
		h = (h ^ (unsigned char)*s++) * 1099511628211ull;
	return h;
}

static void pft_intern_clear(struct pft_intern *t)
{
	for (size_t i = 0; i < PFT_BUCKETS; i++) {
		while (t->bucket[i]) {
			struct pft_str *n = t->bucket[i]->next;

			free(t->bucket[i]);
			t->bucket[i] = n;
		}
	}
	t->count = 0;
}

/* Record a new entry in the packet's interned data. */
static void pft_new_entry(struct pft_writer *w, enum pft_table t,
			  const struct pft_str *e)
{
	size_t i = w->n_new[t]++;

	switch (t) {
	case PFT_NAMES:
		perfetto__protos__event_name__init(&w->names[i]);
		w->names[i].has_iid = 1;
		w->names[i].iid = e->iid;
		w->names[i].name = (char *)e->s;
		w->newp[t][i] = &w->names[i];
		break;
	case PFT_KEYS:
		perfetto__protos__debug_annotation_name__init(&w->keys[i]);
		w->keys[i].has_iid = 1;
		w->keys[i].iid = e->iid;
		w->keys[i].name = (char *)e->s;
		w->newp[t][i] = &w->keys[i];
		break;
	default:
		perfetto__protos__interned_string__init(&w->values[i]);
		w->values[i].has_iid = 1;
		w->values[i].iid = e->iid;
		w->values[i].has_str = 1;
		w->values[i].str.data = (uint8_t *)e->s;
		w->values[i].str.len = e->len;
		w->newp[t][i] = &w->values[i];
		break;
	}
}

/* The iid of s in table t, interning it (and adding it to the packet). */
static uint64_t pft_intern(struct pft_writer *w, enum pft_table t,
			   const char *s)
{
	struct pft_intern *tab = &w->tab[t];
	size_t len = strlen(s);
	struct pft_str **b = &tab->bucket[pft_hash(s, len) % PFT_BUCKETS];
	struct pft_str *e;

	for (e = *b; e; e = e->next)
		if (e->len == len && !memcmp(e->s, s, len))
			return e->iid;
	e = malloc(sizeof(*e) + len + 1);
	if (!e) {
		w->err = w->err ? w->err : ENOMEM;
		return 0;
	}
	memcpy(e->s, s, len + 1);
	e->len = len;
	e->iid = ++tab->count;
	e->next = *b;
	*b = e;
	pft_new_entry(w, t, e);
	return e->iid;
}

struct pft_writer *pft_writer_new(FILE *out)
{
	struct pft_writer *w = calloc(1, sizeof(*w));

	if (!w)
		return NULL;
	w->out = out;
	w->cleared = true;
	return w;
}

int pft_writer_free(struct pft_writer *w)
{
	int err = w->err;

	for (int t = 0; t < PFT_TABLES; t++)
		pft_intern_clear(&w->tab[t]);
	if (fflush(w->out) && !err)
		err = errno;
	if (ferror(w->out) && !err)
		err = EIO;
	free(w->buf);
	free(w);
	errno = err;
	return err ? -1 : 0;
}

/* Write one packet as field 1 of Trace: tag, length, bytes. */
static void pft_put_packet(struct pft_writer *w,
			   Perfetto__Protos__TracePacket *p)
{
	uint8_t head[11];
	size_t n = 1, len;

	p->has_trusted_packet_sequence_id = 1;
	p->trusted_packet_sequence_id = PFT_SEQUENCE_ID;
	len = perfetto__protos__trace_packet__get_packed_size(p);
	if (len > w->bufsize) {
		uint8_t *nb = realloc(w->buf, len);

		if (!nb) {
			w->err = w->err ? w->err : ENOMEM;
			return;
		}
		w->buf = nb;
		w->bufsize = len;
	}
	perfetto__protos__trace_packet__pack(p, w->buf);
	head[0] = (1 << 3) | 2; /* field 1, length-delimited */
	for (size_t v = len;; v >>= 7) {
		head[n++] = (uint8_t)((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
		if (v <= 0x7f)
			break;
	}
	if ((fwrite(head, 1, n, w->out) != n ||
	     fwrite(w->buf, 1, len, w->out) != len) &&
	    !w->err)
		w->err = errno ? errno : EIO;
}

void pft_write_clock(struct pft_writer *w, uint64_t realtime_ns)
{
	Perfetto__Protos__TracePacket p = PERFETTO__PROTOS__TRACE_PACKET__INIT;
	Perfetto__Protos__ClockSnapshot cs =
		PERFETTO__PROTOS__CLOCK_SNAPSHOT__INIT;
	Perfetto__Protos__ClockSnapshot__Clock c[2], *cp[2] = { &c[0], &c[1] };
	/* The log's ts is the trace clock (boottime by default) from 0. */
	static const uint32_t ids[2] = {
		PERFETTO__PROTOS__BUILTIN_CLOCK__BUILTIN_CLOCK_BOOTTIME,
		PERFETTO__PROTOS__BUILTIN_CLOCK__BUILTIN_CLOCK_REALTIME
	};

	for (int i = 0; i < 2; i++) {
		perfetto__protos__clock_snapshot__clock__init(&c[i]);
		c[i].has_clock_id = c[i].has_timestamp = 1;
		c[i].clock_id = ids[i];
	}
	c[1].timestamp = realtime_ns;
	cs.n_clocks = 2;
	cs.clocks = cp;
	p.clock_snapshot = &cs;
	p.has_timestamp = 1;
	pft_put_packet(w, &p);
}

void pft_write_track(struct pft_writer *w, uint64_t ts, uint64_t uuid,
		     uint64_t parent, const char *name, bool counter)
{
	Perfetto__Protos__TracePacket p = PERFETTO__PROTOS__TRACE_PACKET__INIT;
	Perfetto__Protos__TrackDescriptor td =
		PERFETTO__PROTOS__TRACK_DESCRIPTOR__INIT;
	Perfetto__Protos__CounterDescriptor cd =
		PERFETTO__PROTOS__COUNTER_DESCRIPTOR__INIT;

	td.has_uuid = 1;
	td.uuid = uuid;
	td.has_parent_uuid = parent != 0;
	td.parent_uuid = parent;
	td.name = (char *)name;
	if (counter) {
		cd.has_unit = 1;
		cd.unit =
			PERFETTO__PROTOS__COUNTER_DESCRIPTOR__UNIT__UNIT_COUNT;
		td.counter = &cd;
	}
	p.has_timestamp = 1;
	p.timestamp = ts;
	p.track_descriptor = &td;
	pft_put_packet(w, &p);
}

void pft_event_begin(struct pft_writer *w, struct pft_event *e,
		     Perfetto__Protos__TrackEvent__Type type, uint64_t track,
		     const char *name)
{
	if (w->tab[PFT_NAMES].count + w->tab[PFT_KEYS].count +
		    w->tab[PFT_VALUES].count >
	    PFT_INTERN_MAX) {
		for (int t = 0; t < PFT_TABLES; t++)
			pft_intern_clear(&w->tab[t]);
		w->cleared = true;
	}
	memset(w->n_new, 0, sizeof(w->n_new));
	perfetto__protos__track_event__init(&e->te);
	e->te.has_type = 1;
	e->te.type = type;
	e->te.has_track_uuid = 1;
	e->te.track_uuid = track;
	e->te.debug_annotations = e->argp;
	e->te.flow_ids = e->flow;
	e->te.terminating_flow_ids = e->term;
	if (name) {
		e->te.has_name_iid = 1;
		e->te.name_iid = pft_intern(w, PFT_NAMES, name);
	}
}

/* The next arg, its key interned; NULL when the event is full. */
static Perfetto__Protos__DebugAnnotation *
pft_arg(struct pft_writer *w, struct pft_event *e, const char *key)
{
	Perfetto__Protos__DebugAnnotation *a;

	if (e->te.n_debug_annotations == PFT_ARGS_MAX)
		return NULL;
	a = &e->arg[e->te.n_debug_annotations];
	e->argp[e->te.n_debug_annotations++] = a;
	perfetto__protos__debug_annotation__init(a);
	a->has_name_iid = 1;
	a->name_iid = pft_intern(w, PFT_KEYS, key);
	return a;
}

void pft_arg_str(struct pft_writer *w, struct pft_event *e, const char *key,
		 const char *val)
{
	Perfetto__Protos__DebugAnnotation *a = pft_arg(w, e, key);

	if (a) {
		a->has_string_value_iid = 1;
		a->string_value_iid = pft_intern(w, PFT_VALUES, val);
	}
}

void pft_arg_int(struct pft_writer *w, struct pft_event *e, const char *key,
		 int64_t val)
{
	Perfetto__Protos__DebugAnnotation *a = pft_arg(w, e, key);

	if (a) {
		a->has_int_value = 1;
		a->int_value = val;
	}
}

void pft_arg_bool(struct pft_writer *w, struct pft_event *e, const char *key,
		  bool val)
{
	Perfetto__Protos__DebugAnnotation *a = pft_arg(w, e, key);

	if (a) {
		a->has_bool_value = 1;
		a->bool_value = val;
	}
}

void pft_arg_json(struct pft_writer *w, struct pft_event *e, const char *key,
		  const char *val)
{
	Perfetto__Protos__DebugAnnotation *a = pft_arg(w, e, key);

	if (a)
		a->legacy_json_value = (char *)val;
}

void pft_event_flow(struct pft_event *e, uint64_t id)
{
	e->flow[0] = id;
	e->te.n_flow_ids = 1;
}

void pft_event_terminate(struct pft_event *e, uint64_t id)
{
	if (e->te.n_terminating_flow_ids < PFT_FLOWS_MAX)
		e->term[e->te.n_terminating_flow_ids++] = id;
}

void pft_event_write(struct pft_writer *w, struct pft_event *e, uint64_t ts)
{
	Perfetto__Protos__TracePacket p = PERFETTO__PROTOS__TRACE_PACKET__INIT;
	Perfetto__Protos__InternedData id =
		PERFETTO__PROTOS__INTERNED_DATA__INIT;

	id.n_event_names = w->n_new[PFT_NAMES];
	id.event_names = (Perfetto__Protos__EventName **)w->newp[PFT_NAMES];
	id.n_debug_annotation_names = w->n_new[PFT_KEYS];
	id.debug_annotation_names =
		(Perfetto__Protos__DebugAnnotationName **)w->newp[PFT_KEYS];
	id.n_debug_annotation_string_values = w->n_new[PFT_VALUES];
	id.debug_annotation_string_values =
		(Perfetto__Protos__InternedString **)w->newp[PFT_VALUES];
	if (id.n_event_names || id.n_debug_annotation_names ||
	    id.n_debug_annotation_string_values)
		p.interned_data = &id;
	p.has_sequence_flags = 1;
	p.sequence_flags =
		PERFETTO__PROTOS__TRACE_PACKET__SEQUENCE_FLAGS__SEQ_NEEDS_INCREMENTAL_STATE;
	if (w->cleared)
		p.sequence_flags |=
			PERFETTO__PROTOS__TRACE_PACKET__SEQUENCE_FLAGS__SEQ_INCREMENTAL_STATE_CLEARED;
	w->cleared = false;
	p.has_timestamp = 1;
	p.timestamp = ts;
	p.track_event = &e->te;
	pft_put_packet(w, &p);
}
