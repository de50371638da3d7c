/* decode/errno_names.c - errno values to names and back, kernel codes too. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <string.h>

#include "decode/decode.h"

/*
 * Codes from the kernel's include/linux/errno.h that never reach user space
 * in errno but do show up in syscall-exit return values seen by a tracer
 * (a syscall interrupted by a signal returns -ERESTARTSYS until the kernel
 * restarts it).  glibc has no names for them.
 */
#define ERESTARTSYS 512
#define ERESTARTNOINTR 513
#define ERESTARTNOHAND 514 /* restart if no handler */
#define ENOIOCTLCMD 515 /* no ioctl command */
#define ERESTART_RESTARTBLOCK 516 /* restart via restart_syscall(2) */
#define EPROBE_DEFER 517 /* driver requests probe retry */
#define EOPENSTALE 518 /* open found a stale dentry */
#define ENOPARAM 519 /* parameter not supported */

static const struct xlat errno_kernel[] = {
	XLAT(ERESTARTSYS),
	XLAT(ERESTARTNOINTR),
	XLAT(ERESTARTNOHAND),
	XLAT(ENOIOCTLCMD),
	XLAT(ERESTART_RESTARTBLOCK),
	XLAT(EPROBE_DEFER),
	XLAT(EOPENSTALE),
	XLAT(ENOPARAM),
};

/* Second names glibc's strerrorname_np() never returns. */
static const struct xlat errno_aliases[] = {
	XLAT(EWOULDBLOCK),
	XLAT(EDEADLOCK),
	XLAT(ENOTSUP),
};

_Static_assert(EWOULDBLOCK == EAGAIN, "EWOULDBLOCK is EAGAIN");
_Static_assert(EDEADLOCK == EDEADLK, "EDEADLOCK is EDEADLK");
_Static_assert(ENOTSUP == EOPNOTSUPP, "ENOTSUP is EOPNOTSUPP");
_Static_assert(EHWPOISON < ERESTARTSYS, "user errnos end below 512");

/* Highest errno a syscall can return: the kernel's MAX_ERRNO. */
enum { ERRNO_MAX = 4095 };

size_t decode_errno(char *buf, size_t size, int err)
{
	const char *name = NULL;
	struct decode_buf b;

	decode_buf_init(&b, buf, size);
	if (err >= 0)
		name = strerrorname_np(err);
	if (!name && err >= 0)
		name = xlat_name(errno_kernel, XLAT_COUNT(errno_kernel),
				 (uint64_t)err);
	if (name)
		decode_buf_puts(&b, name);
	else
		decode_buf_printf(&b, "E%d", err);
	return b.len;
}

int decode_errno_number(const char *name)
{
	uint64_t v;
	long n;

	if (!name)
		return -1;
	for (int err = 0; err <= ERRNO_MAX; err++) {
		const char *s = strerrorname_np(err);

		if (s && strcmp(s, name) == 0)
			return err;
	}
	if (xlat_value(errno_kernel, XLAT_COUNT(errno_kernel), name, &v) == 0 ||
	    xlat_value(errno_aliases, XLAT_COUNT(errno_aliases), name, &v) == 0)
		return (int)v;
	if (name[0] != 'E' || name[1] < '0' || name[1] > '9' ||
	    decode_parse_int(name + 1, 0, INT_MAX, &n) < 0)
		return -1;
	return (int)n;
}

bool decode_errno_is_restart(int err)
{
	return (err >= ERESTARTSYS && err <= ERESTART_RESTARTBLOCK) ||
	       (err <= -ERESTARTSYS && err >= -ERESTART_RESTARTBLOCK);
}
