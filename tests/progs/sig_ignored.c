/* sig_ignored - SIGUSR1 sent to self while set to SIG_IGN: nothing happens. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	signal(SIGUSR1, SIG_IGN);
	kill(getpid(), SIGUSR1);
	dprintf(1, "pid=%d\nsurvived=1\n", getpid());
	return 0;
}
