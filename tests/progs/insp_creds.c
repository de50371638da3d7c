/* insp_creds.c - change credentials in the ways the creds events must report. */
#define _GNU_SOURCE
#include <grp.h>
#include <linux/capability.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/fsuid.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int drop_to_1000(void)
{
	gid_t g = 1000;

	if (setgroups(1, &g) < 0 || setresgid(1000, 1000, 1000) < 0 ||
	    setresuid(1000, 1000, 1000) < 0) {
		perror("drop");
		return -1;
	}
	return 0;
}

/* Drop CAP_NET_RAW from the effective and permitted sets. */
static int drop_net_raw(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];

	if (syscall(SYS_capget, &h, d) < 0)
		return -1;
	d[0].effective &= ~(1u << CAP_NET_RAW);
	d[0].permitted &= ~(1u << CAP_NET_RAW);
	return (int)syscall(SYS_capset, &h, d);
}

static void on_usr1(int sig)
{
	(void)sig;
}

/*
 * Effective-uid switches as make does them (seteuid: setresuid(-1, e, -1)):
 * two that change nothing, one that only resets the fs uid, then a real
 * switch to 1000 and back.  Each printed: 0 or -1.
 */
static int seteuid_switches(void)
{
	int rc = 0;

	rc |= setresuid(-1, 0, -1); /* no change */
	rc |= setresgid(-1, 0, -1); /* no change */
	setfsuid(1000);
	rc |= setresuid(-1, 0, -1); /* fsuid 1000 -> 0 */
	rc |= setresuid(-1, 1000, -1);
	rc |= setresuid(-1, 0, -1);
	printf("switches=%d\n", rc);
	return rc != 0;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "drop";

	printf("pid=%d\n", (int)getpid());
	fflush(stdout);
	if (strcmp(mode, "drop") == 0)
		return drop_to_1000() < 0;
	/* Then a stop a stop-free tracer has anyway: a signal, or a fork. */
	if (strcmp(mode, "drop-raise") == 0) {
		signal(SIGUSR1, on_usr1);
		return drop_to_1000() < 0 || raise(SIGUSR1) != 0;
	}
	if (strcmp(mode, "drop-fork") == 0) {
		pid_t c;
		int st;

		if (drop_to_1000() < 0 || (c = fork()) < 0)
			return 1;
		if (c == 0)
			_exit(0);
		return waitpid(c, &st, 0) != c;
	}
	if (strcmp(mode, "capset") == 0)
		return drop_net_raw() < 0;
	if (strcmp(mode, "seteuid") == 0)
		return seteuid_switches();
	if (strcmp(mode, "whoami") == 0) {
		printf("euid=%d\n", (int)geteuid());
		return 0;
	}
	if ((strcmp(mode, "exec") == 0 || strcmp(mode, "nnp-exec") == 0) &&
	    argc > 2) {
		if (mode[0] == 'n' && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
			return 1;
		if (drop_to_1000() < 0)
			return 1;
		execl(argv[2], argv[2], "whoami", (char *)NULL);
		perror("exec");
		return 1;
	}
	fprintf(stderr, "usage: insp_creds drop|drop-raise|drop-fork|capset|seteuid|whoami|"
		"exec PATH|nnp-exec PATH\n");
	return 2;
}
