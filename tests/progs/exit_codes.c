/* exit_codes - "exit N": exit(N); "kill N": kill(getpid(), N) at its default action. */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc != 3)
		return 99;
	if (strcmp(argv[1], "exit") == 0)
		exit(atoi(argv[2]));
	signal(atoi(argv[2]), SIG_DFL);
	kill(getpid(), atoi(argv[2]));
	for (;;)
		pause();
}
