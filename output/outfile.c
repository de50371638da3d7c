/* outfile.c - open an output file or stdout, and say so when stdout is closed. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "output/outfile.h"

void outfile_reserve_std(void)
{
	for (int fd = STDIN_FILENO; fd <= STDERR_FILENO; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		int got = open("/dev/null", O_RDWR | O_CLOEXEC);

		/* The lowest free number: fd itself, the ones below are open. */
		if (got != fd) {
			if (got >= 0)
				close(got);
			return;
		}
	}
}

/*
 * Closed at start: either still closed, or holding our reservation.  An
 * inherited descriptor never has FD_CLOEXEC (exec would have closed it),
 * so that flag on 1 means outfile_reserve_std() put /dev/null there.
 */
static bool outfile_stdout_closed(void)
{
	int flags = fcntl(STDOUT_FILENO, F_GETFD);

	return flags < 0 || (flags & FD_CLOEXEC);
}

FILE *outfile_open(const char *what, const char *path, bool *close_it,
		   char *err, size_t errsize)
{
	FILE *f;

	*close_it = false;
	if (strcmp(path, "-") == 0) {
		if (!outfile_stdout_closed())
			return stdout;
		snprintf(err, errsize, "%s: stdout is closed", what);
		return NULL;
	}
	f = fopen(path, "we");
	if (!f) {
		snprintf(err, errsize, "cannot open %s: %s", path,
			 strerror(errno));
		return NULL;
	}
	*close_it = true;
	return f;
}
