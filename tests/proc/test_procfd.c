/* test_procfd.c - procfd_pick and procfd_same_numbers, on this very process's descriptors. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "proc/procfd.h"
#include "tests/decode/check.h"

int main(void)
{
	int keep = open("/dev/null", O_RDONLY);
	int shut = open("/dev/null", O_RDONLY | O_CLOEXEC);
	struct procfd *all, *kept, *closed;
	size_t n, nk = 0, nc = 0;
	bool keep_in = false, shut_in = false;
	int extra;

	all = procfd_list(getpid(), &n);
	check_num("listed", all != NULL && n >= 4, 1);
	if (!all)
		return 1;
	check_num("same numbers as listed",
		  procfd_same_numbers(getpid(), all, n), 1);
	/* one more fd, then one fewer: not the same any more */
	extra = dup(keep);
	check_num("an fd more", procfd_same_numbers(getpid(), all, n), 0);
	close(extra);
	close(keep);
	check_num("an fd fewer", procfd_same_numbers(getpid(), all, n), 0);

	kept = procfd_pick(all, n, false, &nk);
	closed = procfd_pick(all, n, true, &nc);
	check_num("picked all", kept && closed && nk + nc == n, 1);
	for (size_t i = 0; kept && i < nk; i++) {
		keep_in |= kept[i].fd == keep;
		shut_in |= kept[i].fd == shut;
		check_num("kept: no O_CLOEXEC",
			  (kept[i].flags & O_CLOEXEC) != 0, 0);
	}
	check_num("the plain fd is kept", keep_in, 1);
	check_num("the O_CLOEXEC fd is not kept", shut_in, 0);
	shut_in = false;
	for (size_t i = 0; closed && i < nc; i++) {
		if (closed[i].fd != shut)
			continue;
		shut_in = true;
		check("the closed fd's path", closed[i].path, "/dev/null");
	}
	check_num("the O_CLOEXEC fd is closed", shut_in, 1);
	free(all);
	free(kept);
	free(closed);
	close(shut);
	printf("%d cases, %d failures\n", test_cases, test_failures);
	return test_failures != 0;
}
