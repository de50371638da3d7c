/* insp_ns.c - unshare, setns and clone into new namespaces, printing the inodes seen. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/capability.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static unsigned long ino(const char *kind)
{
	char path[64];
	struct stat sb;

	snprintf(path, sizeof(path), "/proc/self/ns/%s", kind);
	return stat(path, &sb) == 0 ? (unsigned long)sb.st_ino : 0;
}

/*
 * Give up CAP_NET_RAW: a new user ns gives every capability back, so the
 * creds change even for root.
 */
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

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "unshare";
	int st;

	printf("pid=%d\nuts_before=%lu\nmnt_before=%lu\n", (int)getpid(),
	       ino("uts"), ino("mnt"));
	if (strcmp(mode, "unshare") == 0) {
		if (unshare(CLONE_NEWUTS | CLONE_NEWNS) < 0 ||
		    sethostname("insp", 4) < 0)
			return 1;
	} else if (strcmp(mode, "setns") == 0) {
		int fd = open("/proc/self/ns/uts", O_RDONLY);

		if (fd < 0 || unshare(CLONE_NEWUTS) < 0)
			return 1;
		printf("uts_new=%lu\n", ino("uts"));
		if (setns(fd, CLONE_NEWUTS) < 0)
			return 1;
	} else if (strcmp(mode, "userns") == 0) {
		if (drop_net_raw() < 0 || unshare(CLONE_NEWUSER) < 0)
			return 1;
	} else if (strcmp(mode, "userns-clone") == 0) {
		long child;

		if (drop_net_raw() < 0)
			return 1;
		child = syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0);
		if (child == 0)
			_exit(0);
		if (child < 0)
			return 1;
		printf("child=%ld\n", child);
		waitpid((pid_t)child, &st, 0);
	} else if (strcmp(mode, "pidns") == 0) {
		/* raw clone: the child's getpid() is 1 in its new pid ns */
		long child = syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);

		if (child == 0) {
			printf("inner_pid=%d\n", (int)getpid());
			fflush(stdout);
			_exit(0);
		}
		if (child < 0)
			return 1;
		printf("child=%ld\n", child);
		waitpid((pid_t)child, &st, 0);
	}
	printf("uts_after=%lu\nmnt_after=%lu\n", ino("uts"), ino("mnt"));
	fflush(stdout);
	/* A stop for a stop-free tracer to notice the change at. */
	if (argc > 2 && strcmp(argv[2], "raise") == 0) {
		signal(SIGUSR1, on_usr1);
		raise(SIGUSR1);
	}
	return 0;
}
