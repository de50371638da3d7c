/*
 * exec_miss - execs of files that are not there, by a child, each errno
 * printed ("eN=NAME"):
 *   root           e1 /nonexistent/prog (ENOENT), e2 /etc/passwd/prog
 *                  (ENOTDIR), then e3: a missing file in DIR
 *   nocaps DIR     the same after dropping every capability but staying
 *                  uid 0: a missing file in DIR (mode 700, not ours) is
 *                  EACCES, not ENOENT
 *   user DIR       the same as uid 65534 (DIR: mode 700, root's)
 *   order          "file_first=1" if execve looks its file up before it
 *                  reads argv (Linux 6.8 on), else 0
 */
#include "config.h"

#include <errno.h>
#include <linux/capability.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static void try_exec(const char *name, const char *path)
{
	char *const argv[] = { (char *)"prog", NULL };

	execve(path, argv, environ);
	printf("%s=%s\n", name, strerrorname_np(errno));
	fflush(stdout);
}

static int drop_caps(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];

	memset(d, 0, sizeof(d));
	return (int)syscall(SYS_capset, &h, d);
}

int main(int argc, char **argv)
{
	char missing[4096];
	pid_t c;
	int st;

	if (argc < 2)
		return 2;
	if (strcmp(argv[1], "order") == 0) {
		syscall(SYS_execve, "/nonexistent/prog", 1L, 0L); /* bad argv */
		printf("file_first=%d\n", errno == ENOENT);
		return 0;
	}
	/* a child tries: the command's own failed execs keep their exit stop */
	fflush(stdout);
	if ((c = fork()) != 0)
		return c < 0 || waitpid(c, &st, 0) != c || st != 0;
	if (strcmp(argv[1], "nocaps") == 0 && drop_caps() != 0)
		return 98;
	if (strcmp(argv[1], "user") == 0 && setresuid(65534, 65534, 65534) != 0)
		return 97;
	try_exec("e1", "/nonexistent/prog");
	try_exec("e2", "/etc/passwd/prog");
	snprintf(missing, sizeof(missing), "%s/prog",
		 argc > 2 ? argv[2] : "/nonexistent");
	try_exec("e3", missing);
	return 0;
}
