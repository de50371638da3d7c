/* exec_ctx.c - descriptors for an exec to inherit or close, and a printer of what an exec got.
 *   exec_ctx print             cwd, argv and environ, one per line
 *   exec_ctx fds PROG ARGS...  fd 5 /etc/passwd O_CLOEXEC, fd 6 a pipe,
 *                              fd 8 a socket, then exec PROG
 *   exec_ctx wait FILE PROG... fd 5 /etc/passwd O_CLOEXEC, wait (deadline
 *                              poll) until FILE exists, then exec PROG
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

extern char **environ;

static int print_all(char **argv)
{
	char cwd[4096];

	if (!getcwd(cwd, sizeof(cwd)))
		return 1;
	printf("cwd=%s\n", cwd);
	for (int i = 0; argv[i]; i++)
		printf("arg=%s\n", argv[i]);
	for (int i = 0; environ[i]; i++)
		printf("env=%s\n", environ[i]);
	return 0;
}

/* fd on the number want, closing the one it came as. */
static int move_fd(int fd, int want, int flags)
{
	if (fd < 0 || dup3(fd, want, flags) < 0)
		return -1;
	close(fd);
	return 0;
}

static int open_fds(bool inheritable_too)
{
	int p[2], s[2];

	if (move_fd(open("/etc/passwd", O_RDONLY), 5, O_CLOEXEC) < 0)
		return -1;
	if (!inheritable_too)
		return 0;
	if (pipe(p) < 0 || move_fd(p[0], 6, 0) < 0)
		return -1;
	close(p[1]);
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, s) < 0 ||
	    move_fd(s[0], 8, 0) < 0)
		return -1;
	close(s[1]);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "print") == 0)
		return print_all(argv);
	if (argc >= 3 && strcmp(argv[1], "fds") == 0) {
		if (open_fds(true) < 0)
			return 1;
		execv(argv[2], argv + 2);
		return 127;
	}
	if (argc >= 4 && strcmp(argv[1], "wait") == 0) {
		if (open_fds(false) < 0)
			return 1;
		/* up to 60 s: the test creates FILE once it sees the attach */
		for (int i = 0; i < 6000 && access(argv[2], F_OK) != 0; i++)
			usleep(10000);
		execv(argv[3], argv + 3);
		return 127;
	}
	fprintf(stderr,
		"usage: exec_ctx print|fds PROG...|wait FILE PROG...\n");
	return 2;
}
