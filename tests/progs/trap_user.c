/*
 * trap_user - SIGTRAP that belongs to the program (handler installed):
 * raise() (SI_TKILL), kill() (SI_USER) and an int3 instruction (SI_KERNEL)
 * must each reach the handler; exit 0 only if all three did.
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t handled;

static void on_trap(int sig)
{
	(void)sig;
	handled++;
}

int main(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_trap;
	sigaction(SIGTRAP, &sa, NULL);
	raise(SIGTRAP);
	kill(getpid(), SIGTRAP);
	__asm__ volatile("int3");
	dprintf(1, "pid=%d\nhandled=%d\n", getpid(), (int)handled);
	return handled == 3 ? 0 : 1;
}
