/* decode/caps.c - capability sets (CapEff & co.) as CAP_* names and diffs. */
#include "config.h"

#include <linux/capability.h>

#include "decode/decode.h"

/*
 * Bit number -> name, in the kernel's order (include/uapi/linux/capability.h).
 * Each row is also a static assertion against the installed header.
 */
#define CAPS_LIST(X)                \
	X(CAP_CHOWN, 0)             \
	X(CAP_DAC_OVERRIDE, 1)      \
	X(CAP_DAC_READ_SEARCH, 2)   \
	X(CAP_FOWNER, 3)            \
	X(CAP_FSETID, 4)            \
	X(CAP_KILL, 5)              \
	X(CAP_SETGID, 6)            \
	X(CAP_SETUID, 7)            \
	X(CAP_SETPCAP, 8)           \
	X(CAP_LINUX_IMMUTABLE, 9)   \
	X(CAP_NET_BIND_SERVICE, 10) \
	X(CAP_NET_BROADCAST, 11)    \
	X(CAP_NET_ADMIN, 12)        \
	X(CAP_NET_RAW, 13)          \
	X(CAP_IPC_LOCK, 14)         \
	X(CAP_IPC_OWNER, 15)        \
	X(CAP_SYS_MODULE, 16)       \
	X(CAP_SYS_RAWIO, 17)        \
	X(CAP_SYS_CHROOT, 18)       \
	X(CAP_SYS_PTRACE, 19)       \
	X(CAP_SYS_PACCT, 20)        \
	X(CAP_SYS_ADMIN, 21)        \
	X(CAP_SYS_BOOT, 22)         \
	X(CAP_SYS_NICE, 23)         \
	X(CAP_SYS_RESOURCE, 24)     \
	X(CAP_SYS_TIME, 25)         \
	X(CAP_SYS_TTY_CONFIG, 26)   \
	X(CAP_MKNOD, 27)            \
	X(CAP_LEASE, 28)            \
	X(CAP_AUDIT_WRITE, 29)      \
	X(CAP_AUDIT_CONTROL, 30)    \
	X(CAP_SETFCAP, 31)          \
	X(CAP_MAC_OVERRIDE, 32)     \
	X(CAP_MAC_ADMIN, 33)        \
	X(CAP_SYSLOG, 34)           \
	X(CAP_WAKE_ALARM, 35)       \
	X(CAP_BLOCK_SUSPEND, 36)    \
	X(CAP_AUDIT_READ, 37)       \
	X(CAP_PERFMON, 38)          \
	X(CAP_BPF, 39)              \
	X(CAP_CHECKPOINT_RESTORE, 40)

#ifndef CAP_PERFMON
#define CAP_PERFMON 38
#endif
#ifndef CAP_BPF
#define CAP_BPF 39
#endif
#ifndef CAP_CHECKPOINT_RESTORE
#define CAP_CHECKPOINT_RESTORE 40
#endif

#define CAPS_ASSERT(name, bit) \
	_Static_assert(name == bit, #name " differs from the kernel header");
CAPS_LIST(CAPS_ASSERT)

#define CAPS_ROW(name, bit) [bit] = #name,
static const char *const caps_names[] = { CAPS_LIST(CAPS_ROW) };

#define CAPS_N (sizeof(caps_names) / sizeof(caps_names[0]))

/* More changed bits than this: a diff of names is unreadable, print hex. */
#define CAPS_DIFF_NAMES_MAX 8

const char *decode_cap_name(unsigned bit)
{
	return bit < CAPS_N ? caps_names[bit] : NULL;
}

static void caps_put_bit(struct decode_buf *b, unsigned bit)
{
	const char *name = decode_cap_name(bit);

	if (name)
		decode_buf_puts(b, name);
	else
		decode_buf_printf(b, "CAP_%u", bit);
}

static unsigned caps_popcount(uint64_t v)
{
	return (unsigned)__builtin_popcountll(v);
}

size_t decode_caps_diff(char *buf, size_t size, uint64_t before, uint64_t after)
{
	uint64_t gone = before & ~after, added = after & ~before;
	struct decode_buf b;
	const char *sep = "";

	decode_buf_init(&b, buf, size);
	if (caps_popcount(gone | added) > CAPS_DIFF_NAMES_MAX) {
		decode_buf_printf(&b, "0x%llx->0x%llx (",
				  (unsigned long long)before,
				  (unsigned long long)after);
		if (added)
			decode_buf_printf(&b, "+%u", caps_popcount(added));
		if (added && gone)
			decode_buf_puts(&b, ",");
		if (gone)
			decode_buf_printf(&b, "-%u", caps_popcount(gone));
		decode_buf_puts(&b, after ? ")" : ", none left)");
		return b.len;
	}
	if (!(gone | added))
		decode_buf_puts(&b, "unchanged");
	for (unsigned bit = 0; bit < 64; bit++) {
		uint64_t m = 1ull << bit;

		if (!((gone | added) & m))
			continue;
		decode_buf_puts(&b, sep);
		decode_buf_puts(&b, (added & m) ? "+" : "-");
		caps_put_bit(&b, bit);
		sep = ",";
	}
	return b.len;
}
