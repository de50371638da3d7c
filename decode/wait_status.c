/* decode/wait_status.c - wait(2) statuses and options as words. */
#include "config.h"

#include <signal.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

#include "decode/decode.h"

/* status >> 16 of a ptrace-event stop; values of include/uapi/linux/ptrace.h */
#define WAIT_STATUS_EVENTS(X)             \
	X(PTRACE_EVENT_FORK, 1)           \
	X(PTRACE_EVENT_VFORK, 2)          \
	X(PTRACE_EVENT_CLONE, 3)          \
	X(PTRACE_EVENT_EXEC, 4)           \
	X(PTRACE_EVENT_VFORK_DONE, 5)     \
	X(PTRACE_EVENT_EXIT, 6)           \
	X(PTRACE_EVENT_SECCOMP, 7)        \
	X(PTRACE_EVENT_STOP, 128)

/* wait4/waitid options; values of include/uapi/linux/wait.h */
#define WAIT_STATUS_OPTIONS(X)            \
	X(WNOHANG, 0x00000001)            \
	X(WUNTRACED, 0x00000002) /* = WSTOPPED */ \
	X(WEXITED, 0x00000004)            \
	X(WCONTINUED, 0x00000008)         \
	X(WNOWAIT, 0x01000000)            \
	X(__WNOTHREAD, 0x20000000)        \
	X(__WALL, 0x40000000)             \
	X(__WCLONE, 0x80000000)

#define WAIT_STATUS_ROW(name, val) { val, #name },
#define WAIT_STATUS_CHECK(name, val) \
	_Static_assert((uint64_t)(name) == (val),    \
		       #name " differs from the kernel");

static const struct xlat wait_status_events[] = {
	WAIT_STATUS_EVENTS(WAIT_STATUS_ROW)
};
static const struct xlat wait_status_options[] = {
	WAIT_STATUS_OPTIONS(WAIT_STATUS_ROW)
};

WAIT_STATUS_EVENTS(WAIT_STATUS_CHECK)
WAIT_STATUS_OPTIONS(WAIT_STATUS_CHECK)
_Static_assert(WSTOPPED == WUNTRACED, "WSTOPPED is WUNTRACED");

/* Events print without their common prefix: "<EXEC>". */
#define WAIT_STATUS_SKIP (sizeof("PTRACE_EVENT_") - 1)

/*
 * Layout of a status (kernel/exit.c, wait_task_*): exit code << 8; the
 * terminating signal in bits 0-6 with 0x80 for a core dump; 0x7f | sig << 8
 * for a stop, the ptrace event in bits 16-23; 0xffff for "continued".
 * Syscall stops under PTRACE_O_TRACESYSGOOD report SIGTRAP | 0x80.
 */
enum {
	WAIT_STATUS_CONTINUED = 0xffff,
	WAIT_STATUS_STOPPED = 0x7f,
	WAIT_STATUS_CORE = 0x80,
	WAIT_STATUS_SYSGOOD = 0x80,
};

const char *decode_ptrace_event_name(int event)
{
	if (event < 0)
		return NULL;
	return xlat_name(wait_status_events, XLAT_COUNT(wait_status_events),
			 (uint64_t)event);
}

/* "SIGTRAP" into b. */
static void wait_status_put_signal(struct decode_buf *b, int sig)
{
	char name[32];

	decode_signal(name, sizeof(name), sig);
	decode_buf_puts(b, name);
}

/*
 * Bits the form chosen does not explain are never dropped: the raw status
 * is appended as " (status 0x...)".
 */
size_t decode_wait_status(char *buf, size_t size, int status)
{
	unsigned int s = (unsigned int)status;
	unsigned int explained;
	struct decode_buf b;

	decode_buf_init(&b, buf, size);
	if (s == WAIT_STATUS_CONTINUED) {
		decode_buf_puts(&b, "continued");
		explained = s;
	} else if ((s & 0x7f) == 0) {
		decode_buf_printf(&b, "exit %u", (s >> 8) & 0xff);
		explained = 0xff00;
	} else if ((s & 0xff) == WAIT_STATUS_STOPPED) {
		unsigned int sig = (s >> 8) & 0xff;
		unsigned int event = (s >> 16) & 0xff;

		if (event != 0) {
			const char *name = decode_ptrace_event_name((int)event);

			decode_buf_puts(&b, "ptrace event stop ");
			wait_status_put_signal(&b, (int)sig);
			if (name)
				decode_buf_printf(&b, " <%s>",
						  name + WAIT_STATUS_SKIP);
			else
				decode_buf_printf(&b, " <%u>", event);
		} else if (sig == (SIGTRAP | WAIT_STATUS_SYSGOOD)) {
			decode_buf_puts(&b, "syscall stop SIGTRAP|0x80");
		} else {
			decode_buf_puts(&b, "stopped by ");
			wait_status_put_signal(&b, (int)sig);
		}
		explained = 0xffffff;
	} else if ((s & 0x7f) != 0x7f) {
		decode_buf_puts(&b, "killed by ");
		wait_status_put_signal(&b, (int)(s & 0x7f));
		if (s & WAIT_STATUS_CORE)
			decode_buf_puts(&b, " (core dumped)");
		explained = 0xff;
	} else {
		/* 0x7f with the core bit: no such status. */
		decode_buf_puts(&b, "unknown");
		explained = 0;
	}
	if (s & ~explained)
		decode_buf_printf(&b, " (status %#x)", s);
	return b.len;
}

size_t decode_wait_options(char *buf, size_t size, uint64_t options)
{
	return xlat_flags(buf, size, wait_status_options,
			  XLAT_COUNT(wait_status_options), options);
}
