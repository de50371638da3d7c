/*
 * insp_reexec.c - exec while the tracer's cached maps of the old image put
 * an anonymous mapping where the new image's ld.so will be (no ASLR).
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/syscall.h>
#include <unistd.h>

extern char **environ;

static void on_usr1(int sig)
{
	(void)sig;
}

int main(int argc, char **argv)
{
	char line[512], *args[] = { "/bin/true", NULL };
	unsigned long lo = 0, hi = 0;
	int pers = personality(0xffffffff);
	FILE *f;

	(void)argc;
	/* Same layout for old and new image: ld.so lands where it was. */
	if (pers >= 0 && !(pers & ADDR_NO_RANDOMIZE)) {
		personality((unsigned long)pers | ADDR_NO_RANDOMIZE);
		execv("/proc/self/exe", argv);
		return 1;
	}
	f = fopen("/proc/self/maps", "r");
	if (!f)
		return 1;
	while (fgets(line, sizeof(line), f))
		if (strstr(line, "r-xp") && strstr(line, "/ld-linux") &&
		    sscanf(line, "%lx-%lx", &lo, &hi) == 2)
			break;
	fclose(f);
	if (!hi)
		return 1;
	printf("ldso=0x%lx\n", lo);
	fflush(stdout);
	signal(SIGUSR1, on_usr1);
	/* Built -z now: ld.so's code is not needed any more. */
	if (mmap((void *)lo, hi - lo, PROT_READ | PROT_EXEC,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED)
		return 1;
	raise(SIGUSR1);	/* a stack event: the tracer reads these maps */
	syscall(SYS_execve, args[0], args, environ);
	return 1;
}
