/* fields.h - the JSON fields of every event kind: one table the log writer and the log reader share. */
#ifndef PROCTRACE_FIELDS_H
#define PROCTRACE_FIELDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "event/event.h"

/*
 * A row names one JSON key, the shape of its value and where the value
 * lives in the struct the table describes (struct pt_event for a kind,
 * struct ev_region for a region, ...).  The writer (output/json_sink.c)
 * writes the rows in order; the reader (replay/) parses them in the same
 * order, so a row's "when" may look at the rows above it.
 */
enum ev_ftype {
	EFT_INT, /* a signed integer of any width, in [lo, hi] */
	EFT_U64, /* an unsigned number */
	EFT_HEX, /* uint64_t as "0x1f" */
	EFT_BOOL,
	EFT_STR, /* const char *, raw bytes in the \xNN convention */
	EFT_CHARS, /* a NUL-padded char array (a region's perm) */
	EFT_STRV, /* struct ev_strv */
	EFT_INTS, /* const int32 *, count at aux (pids, gids) */
	EFT_INTS_INLINE, /* an int32 array inside the struct, count at aux */
	EFT_IDS4, /* uid_t[4] or gid_t[4] */
	EFT_SIGNAL, /* int signal number as "SIGCHLD" */
	EFT_ERRNO, /* int errno as "ENOENT" */
	EFT_ENUM, /* an int-like value named by name() */
	EFT_CLONE_FLAGS, /* uint64_t as ["CLONE_VM", ..., "0x..."] */
	EFT_OBJECT, /* a nested struct described by sub */
	EFT_OBJECTS, /* an array of structs described by sub, count at aux */
	/* irregular shapes, each with its own writer and reader */
	EFT_STATE_LETTER, /* char: a /proc state letter, '\0' is null */
	EFT_SEND_RESULT, /* int: 0, an errno name, or null (result_unknown) */
	EFT_SI_CODE, /* int si_code, named by the signal above it */
	EFT_WAIT_STATUS, /* struct ev_status as {code} or {signal, core} */
	EFT_EXIT_CODE, /* struct ev_exit: code, null unless it exited */
	EFT_EXIT_SIGNAL, /* struct ev_exit: signal, null unless killed */
	EFT_EXIT_CORE, /* struct ev_exit: core */
	EFT_NS_CHANGED, /* struct ev_ns: {"mnt":{"from","to"},...} */
	EFT_BLIND, /* struct ev_start: known blind keys */
	EFT_STRMAP, /* struct ev_strv of "NAME=VALUE" as {"NAME":"VALUE"} */
	EFT_TYPE_COUNT
};

enum ev_fflag {
	/* The writer leaves it out when empty (NULL, 0, false, no entries);
	 * the reader takes it as optional. */
	EVF_OMIT_EMPTY = 1u << 0,
	/* JSON null is a value: NULL, or null_value for an integer (the
	 * writer writes null for it, or for an integer below lo). */
	EVF_NULLABLE = 1u << 1,
	/* The reader takes it as optional even where "when" holds. */
	EVF_OPTIONAL = 1u << 2,
	/* An EFT_INT that is null when the bool at aux is false. */
	EVF_NULL_UNLESS_AUX = 1u << 3,
	/* An EFT_STR the writer writes as "" when NULL. */
	EVF_NULL_AS_EMPTY = 1u << 4,
	/* Written only when the bool at aux is true; the reader sets that
	 * bool from the key's presence. */
	EVF_PRESENT_AUX = 1u << 5,
	/* An EFT_SIGNAL for which "0" is a value: the probe kill(pid, 0). */
	EVF_ZERO_OK = 1u << 6,
};

struct ev_field {
	const char *key;
	enum ev_ftype type;
	size_t off, size; /* of the value in the described struct */
	unsigned flags; /* enum ev_fflag */
	/* the row is written (and required) only when this holds; NULL: always */
	bool (*when)(const void *base);
	long long lo, hi; /* EFT_INT, EFT_INTS*: the accepted range */
	long long null_value; /* EVF_NULLABLE integers and enums */
	size_t aux; /* count offset (arrays), bool offset (NULL_UNLESS_AUX) */
	size_t max; /* EFT_INTS_INLINE: capacity */
	const char *(*name)(int value); /* EFT_ENUM */
	int n_names; /* EFT_ENUM: values 0..n_names-1 */
	const struct ev_table *sub; /* EFT_OBJECT, EFT_OBJECTS */
	size_t elem_size; /* EFT_OBJECTS */
};

struct ev_table {
	const char *name; /* for messages: "start", "regions" */
	const struct ev_field *rows;
	size_t n_rows;
};

/* The common fields every line starts with, up to and with "ev". */
extern const struct ev_table ev_head_table;
/* The common fields after "ev" (pid, tid, nspid, inferred, ts_lo). */
extern const struct ev_table ev_common_table;
/* The fields of one kind, after the common ones. */
const struct ev_table *ev_kind_table(enum ev_kind kind);
/* The fields every line may end with (stack). */
extern const struct ev_table ev_tail_table;
/* The keys of a wait status object and of one namespace change. */
extern const struct ev_table ev_status_table;
extern const struct ev_table ev_ns_change_table;
/* Whether a kind's lines carry "pid" and "tid". */
bool ev_kind_has_pid(enum ev_kind kind);
bool ev_kind_has_tid(enum ev_kind kind);

/* Rows of ev_status_table and ev_ns_change_table, by position. */
enum { EV_STATUS_CODE, EV_STATUS_SIGNAL, EV_STATUS_CORE };
enum { EV_NS_FROM, EV_NS_TO };

/* An integer of the row's width at base + off, sign-extended. */
long long ev_field_get_int(const void *base, const struct ev_field *f);
void ev_field_set_int(void *base, const struct ev_field *f, long long v);

static inline const void *ev_field_ptr(const void *base,
				       const struct ev_field *f)
{
	return (const char *)base + f->off;
}

/* "wait4", "waitid", NULL for WS_UNKNOWN: a reap's syscall. */
const char *event_wait_syscall_name(enum wait_syscall s);

#endif
