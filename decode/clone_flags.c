/* decode/clone_flags.c - clone(2)/clone3(2) flag words as CLONE_*|SIG names. */
#include "config.h"

#include "decode/clone_compat.h"
#include "decode/decode.h"

/*
 * One line per flag, in the kernel's bit order, with the value from the
 * kernel's include/uapi/linux/sched.h.  Each row becomes a table entry and a
 * static assertion against the installed header, so a mistyped value or a
 * header that disagrees fails the build.
 */
#define CLONE_FLAGS_LIST(X)                                  \
	X(CLONE_NEWTIME, 0x00000080ULL) /* clone3/unshare */ \
	X(CLONE_VM, 0x00000100ULL)                           \
	X(CLONE_FS, 0x00000200ULL)                           \
	X(CLONE_FILES, 0x00000400ULL)                        \
	X(CLONE_SIGHAND, 0x00000800ULL)                      \
	X(CLONE_PIDFD, 0x00001000ULL)                        \
	X(CLONE_PTRACE, 0x00002000ULL)                       \
	X(CLONE_VFORK, 0x00004000ULL)                        \
	X(CLONE_PARENT, 0x00008000ULL)                       \
	X(CLONE_THREAD, 0x00010000ULL)                       \
	X(CLONE_NEWNS, 0x00020000ULL)                        \
	X(CLONE_SYSVSEM, 0x00040000ULL)                      \
	X(CLONE_SETTLS, 0x00080000ULL)                       \
	X(CLONE_PARENT_SETTID, 0x00100000ULL)                \
	X(CLONE_CHILD_CLEARTID, 0x00200000ULL)               \
	X(CLONE_DETACHED, 0x00400000ULL)                     \
	X(CLONE_UNTRACED, 0x00800000ULL)                     \
	X(CLONE_CHILD_SETTID, 0x01000000ULL)                 \
	X(CLONE_NEWCGROUP, 0x02000000ULL)                    \
	X(CLONE_NEWUTS, 0x04000000ULL)                       \
	X(CLONE_NEWIPC, 0x08000000ULL)                       \
	X(CLONE_NEWUSER, 0x10000000ULL)                      \
	X(CLONE_NEWPID, 0x20000000ULL)                       \
	X(CLONE_NEWNET, 0x40000000ULL)                       \
	X(CLONE_IO, 0x80000000ULL)                           \
	X(CLONE_CLEAR_SIGHAND, 0x100000000ULL)               \
	X(CLONE_INTO_CGROUP, 0x200000000ULL)

#define CLONE_FLAGS_ROW(name, val) { val, #name },
#define CLONE_FLAGS_CHECK(name, val)              \
	_Static_assert((uint64_t)(name) == (val), \
		       #name " differs from the kernel");

static const struct xlat clone_flags_table[] = { CLONE_FLAGS_LIST(
	CLONE_FLAGS_ROW) };

CLONE_FLAGS_LIST(CLONE_FLAGS_CHECK)

/* clone(2) carries the exit signal in the low byte. */
#define CLONE_FLAGS_CSIGNAL 0xffULL
_Static_assert(CSIGNAL == CLONE_FLAGS_CSIGNAL, "CSIGNAL is the low byte");

const struct xlat *decode_clone_flag_table(size_t *n)
{
	if (n)
		*n = XLAT_COUNT(clone_flags_table);
	return clone_flags_table;
}

/* Flags (without CSIGNAL) then "|SIG..." for a nonzero exit signal. */
static size_t clone_flags_print(char *buf, size_t size, uint64_t flags,
				int exit_signal)
{
	char sig[32];
	struct decode_buf b;

	decode_buf_init(&b, buf, size);
	if (flags != 0 || exit_signal == 0)
		xlat_flags_buf(&b, clone_flags_table,
			       XLAT_COUNT(clone_flags_table), flags);
	if (exit_signal != 0) {
		if (flags != 0)
			decode_buf_puts(&b, "|");
		decode_signal(sig, sizeof(sig), exit_signal);
		decode_buf_puts(&b, sig);
	}
	return b.len;
}

/*
 * The low byte of a clone(2) flag word is the exit signal, so CLONE_NEWTIME
 * (0x80, which only clone3 and unshare accept) is never looked for there.
 */
size_t decode_clone_flags(char *buf, size_t size, uint64_t flags)
{
	return clone_flags_print(buf, size, flags & ~CLONE_FLAGS_CSIGNAL,
				 (int)(flags & CLONE_FLAGS_CSIGNAL));
}
