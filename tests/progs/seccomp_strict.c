/*
 * seccomp_strict - asks for strict seccomp mode, first with seccomp(2), then
 * with prctl(2) (strace's seccomp-strict and prctl-seccomp-strict).  Prints
 * "seccomp=OK|ERRNO" and "prctl=OK|ERRNO"; in strict mode only read, write
 * and exit are left, so it says "strict=1" and ends with the exit syscall
 * (exit code 0).  If both calls fail it exits 3.
 */
#include "config.h"

#include <errno.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

static void strict_now(void)
{
	static const char msg[] = "strict=1\n";

	/* Nothing but write and exit from here on. */
	if (write(1, msg, sizeof(msg) - 1) < 0)
		syscall(SYS_exit, 2);
	syscall(SYS_exit, 0);
}

int main(void)
{
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_STRICT, 0, NULL) == 0)
		strict_now();
	dprintf(1, "seccomp=%s\n", strerrorname_np(errno));
	if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_STRICT, 0, 0, 0) == 0)
		strict_now();
	dprintf(1, "prctl=%s\n", strerrorname_np(errno));
	dprintf(1, "mode=%d\n", prctl(PR_GET_SECCOMP, 0, 0, 0, 0));
	return 3;
}
