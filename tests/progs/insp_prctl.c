/* insp_prctl.c - many prctl calls that change no credentials, then one that does. */
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 1000;

	printf("pid=%d\n", (int)getpid());
	fflush(stdout);
	/* What pthread_setname_np and friends do: no creds row may stop. */
	for (int i = 0; i < n; i++) {
		if (prctl(PR_SET_NAME, (unsigned long)"insp", 0, 0, 0) < 0 ||
		    prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) < 0)
			return 1;
	}
	/* A failed creds prctl: nothing changed, no event. */
	if (prctl(PR_CAPBSET_DROP, 9999, 0, 0, 0) == 0)
		return 1;
	return prctl(PR_CAPBSET_DROP, CAP_NET_RAW, 0, 0, 0) < 0;
}
