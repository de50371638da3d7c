/* decode.h - pure decoders: numbers from the kernel to names and back. */
#ifndef PROCTRACE_DECODE_H
#define PROCTRACE_DECODE_H

/*
 * Rules for everything in decode/: no globals, no I/O, no malloc, no static
 * buffers.  Functions that write text take (char *buf, size_t size) and have
 * snprintf semantics: they return the length the full text needs (excluding
 * the NUL), always NUL-terminate when size > 0, and never write past size.
 * Name lookups return a pointer to a string constant, or NULL if unknown.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A value and its name: one row of a decoding table. */
struct xlat {
	uint64_t val;
	const char *name;
};

#define XLAT(x)                   \
	{                         \
		(uint64_t)(x), #x \
	}
#define XLAT_COUNT(tab) (sizeof(tab) / sizeof((tab)[0]))

/* Name of val in tab, or NULL. */
const char *xlat_name(const struct xlat *tab, size_t n, uint64_t val);
/* Value for name in tab; 0 on success, -1 if unknown. */
int xlat_value(const struct xlat *tab, size_t n, const char *name,
	       uint64_t *val);
/*
 * Flag word as "A|B|0x30": every known bit named (in table order), cleared,
 * and the residue printed in hex so no bit is lost.  0 prints as "0".
 */
size_t xlat_flags(char *buf, size_t size, const struct xlat *tab, size_t n,
		  uint64_t flags);
/*
 * Iterate the names of the set flags: fills names[0..max) with the known
 * names in table order, returns how many there are (may exceed max), and
 * stores the unnamed residue in *residue (may be NULL).
 */
size_t xlat_flag_names(const struct xlat *tab, size_t n, uint64_t flags,
		       const char **names, size_t max, uint64_t *residue);

/*
 * An snprintf-style text builder shared by the decoders: appends to buf,
 * never past size, keeps buf NUL-terminated when size > 0, and counts in len
 * the length the full text needs.  Initialise with decode_buf_init().
 */
struct decode_buf {
	char *buf;
	size_t size;
	size_t len;
};

void decode_buf_init(struct decode_buf *b, char *buf, size_t size);
void decode_buf_puts(struct decode_buf *b, const char *s);
void decode_buf_printf(struct decode_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* xlat_flags() appending to b; returns b->len. */
size_t xlat_flags_buf(struct decode_buf *b, const struct xlat *tab, size_t n,
		      uint64_t flags);

/*
 * A decimal integer filling all of s (an optional leading '-', no spaces),
 * within [lo, hi]: stores it in *out and returns 0, else -1.  Unlike strtol
 * it leaves errno alone.
 */
int decode_parse_int(const char *s, long lo, long hi, long *out);

/* ---- signals (signals.c) ---- */
/* "SIGCHLD", "SIGRTMIN", "SIGRT_3" (= kernel SIGRTMIN+3), or "SIG65" for
 * anything else.  sig 0 prints "0". */
size_t decode_signal(char *buf, size_t size, int sig);
/* Reverse: accepts every form decode_signal prints plus "SIGnn"; -1 if not. */
/*
 * Also accepted: "SIGRTMIN+n" and "SIGRTMAX-n" in kernel numbering
 * (SIGRTMIN 32, SIGRTMAX 64), "SIGRTMAX", and the aliases SIGIO, SIGIOT,
 * SIGCLD.  Negative numbers ("SIG-1") are not accepted.
 */
int decode_signal_number(const char *name);

/* ---- errno (errno_names.c) ---- */
/* "ENOENT", kernel-internal "ERESTARTSYS" etc., or "E524" when unknown. */
size_t decode_errno(char *buf, size_t size, int err);
/* Reverse; "E524" -> 524; -1 if not an errno name. */
int decode_errno_number(const char *name);
/* True for the restart codes -512..-516 a syscall exit may carry. */
/* Either sign is accepted: 512..516 (an errno) or -512..-516 (a return). */
bool decode_errno_is_restart(int err);

/* ---- clone flags (clone_flags.c) ---- */
/* The CLONE_* table, in the kernel's bit order. */
const struct xlat *decode_clone_flag_table(size_t *n);
/*
 * Flags of clone(2) as strace prints them: "CLONE_VM|CLONE_VFORK|SIGCHLD".
 * The low byte (CSIGNAL) is the exit signal, printed by name last.
 * For clone3 pass the flags and the exit signal separately with
 * decode_clone3_flags.
 */
size_t decode_clone_flags(char *buf, size_t size, uint64_t flags);

/* ---- si_code (siginfo.c) ---- */
/*
 * Name of si_code for signal sig: the generic codes (SI_USER, SI_KERNEL,
 * SI_QUEUE, SI_TKILL, SI_TIMER, SI_MESGQ, SI_ASYNCIO, SI_SIGIO) for any
 * signal, and the signal-specific ones (SEGV_MAPERR, CLD_EXITED, ILL_*,
 * FPE_*, BUS_*, TRAP_*, POLL_*, SYS_SECCOMP) when code > 0.
 * Unknown: prints the number.
 */
size_t decode_si_code(char *buf, size_t size, int sig, int code);
/* Reverse; 0 on success, -1 if unknown for that signal. */
/* Decimal numbers (what decode_si_code prints for unknown codes) are taken. */
int decode_si_code_number(int sig, const char *name, int *code);
/* True when si_code carries a sender pid (SI_USER, SI_QUEUE, SI_TKILL, CLD_*). */
bool decode_si_code_has_sender(int sig, int code);
/* True when si_code is a fault with si_addr (SIGSEGV/BUS/ILL/FPE/TRAP, code > 0). */
bool decode_si_code_has_addr(int sig, int code);

/* ---- how a process ended; signal dispositions (exit_status.c) ---- */
/*
 * The one spelling of an exit status, for every output: "exit 3" (value is
 * the code), "SIGKILL", "SIGSEGV (core dumped)" (value is the signal).  A
 * sentence puts "killed by " before a signal.
 */
size_t decode_exit_status(char *buf, size_t size, bool signaled, int value,
			  bool core);

/* What a task does with a signal (the log's spelling: decode_disposition_name). */
enum sig_disposition { SD_DEFAULT, SD_IGNORE, SD_HANDLER, SD_UNKNOWN };
/* From a task's SigIgn and SigCgt masks (/proc/PID/status); SD_UNKNOWN for a bad sig. */
enum sig_disposition decode_sig_disposition(int sig, uint64_t sig_ign,
					    uint64_t sig_cgt);
/* "default", "ignore", "handler"; NULL for SD_UNKNOWN. */
const char *decode_disposition_name(enum sig_disposition d);

/* ---- capabilities (caps.c) ---- */
/* "CAP_SYS_ADMIN" for bit 21; NULL if unknown. */
const char *decode_cap_name(unsigned bit);
/*
 * What changed between two masks: "-CAP_SYS_ADMIN,-CAP_NET_RAW,+CAP_KILL"
 * (bit order); with more than 8 changed bits
 * "0x1ffffffffff->0x0 (-41, none left)"; "unchanged" if equal.
 */
size_t decode_caps_diff(char *buf, size_t size, uint64_t before,
			uint64_t after);

/* ---- namespace kinds (ns_types.c) ---- */
/* Index order: mnt pid net uts ipc user cgroup time (= enum ns_type). */
#define DECODE_NS_COUNT 8
/* "uts"; NULL if out of range. */
const char *decode_ns_name(unsigned type);
/* Reverse of decode_ns_name; -1 if unknown. */
int decode_ns_type(const char *name);
/* CLONE_NEWUTS for uts, ...; 0 if out of range. */
uint64_t decode_ns_flag(unsigned type);
/* Every CLONE_NEW* flag OR-ed. */
uint64_t decode_ns_all_flags(void);
/*
 * The file in /proc/PID/ns/ for the kind: the task's own ("pid"), or the one
 * unshare/setns change ("pid_for_children", "time_for_children").
 */
const char *decode_ns_file(unsigned type, bool for_children);

/* ---- memory protection (mmap_prot.c) ---- */
/* A maps permission string "r-xp" as PROT_* bits; -1 if malformed. */
int decode_perm_prot(const char *perm);
/* Writable and executable ("rwxp"). */
bool decode_perm_wx(const char *perm);
bool decode_perm_exec(const char *perm);

/* ---- /proc/PID/maps lines (maps_parse.c) ---- */
struct decode_map {
	uint64_t start, end, offset;
	uint64_t dev; /* major << 32 | minor */
	uint64_t inode;
	char perm[5]; /* "r-xp", NUL-terminated */
	const char *path; /* into the parsed text, path_len bytes, no NUL */
	size_t path_len; /* 0 for an anonymous mapping */
	bool deleted; /* path ends in " (deleted)" */
};
/*
 * One line (with or without its '\n'); 0, or -1 if it is not in the
 * kernel's format.  Never reads past len.
 */
int decode_maps_line(const char *line, size_t len, struct decode_map *m);
/*
 * Iterate: parse the next well-formed line at or after *pos (malformed
 * lines are skipped); returns 1 with *m filled, 0 at the end.
 */
int decode_maps_next(const char *text, size_t len, size_t *pos,
		     struct decode_map *m);

/* fdinfo's octal flags as "O_RDWR|O_APPEND|O_CLOEXEC" (residue in hex). */
size_t decode_open_flags(char *buf, size_t size, unsigned flags);
/*
 * A controlling terminal's device number (stat's tty_nr) as its name under
 * /dev: "pts/3", "tty1", "ttyS0", "console", else "MAJOR:MINOR"; "" and 0
 * for 0 (no terminal).  snprintf semantics.
 */
size_t decode_tty_name(char *buf, size_t size, unsigned long tty_nr);

#endif
