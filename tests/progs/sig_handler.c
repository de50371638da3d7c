/* sig_handler - SIGUSR1 sent to self with kill(2) runs our handler. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <unistd.h>

static volatile sig_atomic_t handled;

static void on_usr1(int sig)
{
	(void)sig;
	handled++;
}

int main(void)
{
	signal(SIGUSR1, on_usr1);
	kill(getpid(), SIGUSR1);
	dprintf(1, "pid=%d\nhandled=%d\n", getpid(), (int)handled);
	return handled == 1 ? 0 : 1;
}
