/* decode/open_flags.c - the f_flags of an open file (fdinfo "flags:") as O_* names. */
#include "config.h"

#include <fcntl.h>

#include "decode/decode.h"

/* The kernel's value: userspace x86_64 defines O_LARGEFILE as 0. */
#define KERNEL_O_LARGEFILE 0100000
/* O_SYNC is __O_SYNC|O_DSYNC: name its own bit, O_DSYNC names the other. */
#define KERNEL_O_SYNC_BIT 04000000

_Static_assert((O_SYNC & ~O_DSYNC) == KERNEL_O_SYNC_BIT, "O_SYNC layout");

static const struct xlat open_flags[] = {
	XLAT(O_CREAT),
	XLAT(O_EXCL),
	XLAT(O_NOCTTY),
	XLAT(O_TRUNC),
	XLAT(O_APPEND),
	XLAT(O_NONBLOCK),
	XLAT(O_DSYNC),
	XLAT(O_ASYNC),
	XLAT(O_DIRECT),
	{ KERNEL_O_LARGEFILE, "O_LARGEFILE" },
	XLAT(O_DIRECTORY),
	XLAT(O_NOFOLLOW),
	XLAT(O_NOATIME),
	XLAT(O_CLOEXEC),
	{ KERNEL_O_SYNC_BIT, "O_SYNC" },
	XLAT(O_PATH),
};

size_t decode_open_flags(char *buf, size_t size, unsigned flags)
{
	static const char *const modes[4] = { "O_RDONLY", "O_WRONLY", "O_RDWR",
					      "O_ACCMODE" };
	struct decode_buf b;

	decode_buf_init(&b, buf, size);
	/* O_PATH files have no access mode worth naming. */
	if (!(flags & O_PATH))
		decode_buf_puts(&b, modes[flags & O_ACCMODE]);
	flags &= ~(unsigned)O_ACCMODE;
	if (flags) {
		if (b.len)
			decode_buf_puts(&b, "|");
		xlat_flags_buf(&b, open_flags, XLAT_COUNT(open_flags), flags);
	}
	return b.len;
}
