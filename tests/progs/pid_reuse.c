/* pid_reuse.c - reap a child, then make the next child take the same pid (ns_last_pid). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Ask the kernel to hand out pid next (needs root in this pid namespace). */
static int set_next_pid(pid_t next)
{
	char buf[32];
	int fd = open("/proc/sys/kernel/ns_last_pid", O_WRONLY);
	int n = snprintf(buf, sizeof(buf), "%d", (int)next - 1);
	int ok = fd >= 0 && write(fd, buf, (size_t)n) == n;

	if (fd >= 0)
		close(fd);
	return ok ? 0 : -1;
}

int main(void)
{
	pid_t a, b;
	int st;

	a = fork();
	if (a == 0)
		_exit(11);
	waitpid(a, &st, 0);
	if (set_next_pid(a) < 0) {
		perror("ns_last_pid");
		return 2;
	}
	b = fork();
	if (b == 0)
		_exit(22);
	waitpid(b, &st, 0);
	printf("a=%d\nb=%d\n", (int)a, (int)b);
	return b == a ? 0 : 3;
}
