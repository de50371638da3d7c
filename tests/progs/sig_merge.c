/* sig_merge.c - send SIGUSR1 to itself three times while blocked: a standard signal merges while pending, so it is delivered once; exits with the number of deliveries. */
#include <signal.h>
#include <unistd.h>

static volatile sig_atomic_t delivered;

static void on_usr1(int sig)
{
	(void)sig;
	delivered++;
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	sigset_t usr1;

	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	if (sigaction(SIGUSR1, &sa, NULL) < 0 ||
	    sigprocmask(SIG_BLOCK, &usr1, NULL) < 0)
		return 100;
	for (int i = 0; i < 3; i++)
		if (kill(getpid(), SIGUSR1) < 0)
			return 101;
	if (sigprocmask(SIG_UNBLOCK, &usr1, NULL) < 0)
		return 102;
	return delivered;
}
