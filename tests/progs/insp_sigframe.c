/*
 * insp_sigframe.c - a signal taken at the first instruction of a function,
 * and a stack read inside the handler: the interrupted frame's ip is exact.
 */
#include <signal.h>
#include <unistd.h>

/* insp_victim starts right after insp_before: ip-1 would name insp_before. */
__asm__(".text\n"
	".globl insp_before\n.type insp_before,@function\n"
	"insp_before:\n\tnop\n\tret\n.size insp_before, .-insp_before\n"
	".globl insp_victim\n.type insp_victim,@function\n"
	"insp_victim:\n\t.cfi_startproc\n\tud2\n\tret\n\t.cfi_endproc\n"
	".size insp_victim, .-insp_victim\n");
void insp_before(void);
void insp_victim(void);

static void on_usr2(int sig)
{
	(void)sig;
}

static void on_ill(int sig)
{
	(void)sig;
	raise(SIGUSR2);	/* its delivery's stack goes through the signal frame */
	_exit(0);
}

int main(void)
{
	signal(SIGUSR2, on_usr2);
	signal(SIGILL, on_ill);
	insp_victim(); /* CALL_LINE */
	return 1;
}
