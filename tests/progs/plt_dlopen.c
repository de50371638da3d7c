/* plt_dlopen.c - dlopen a library and make 300 atoi calls through its PLT (and 10 through ours). */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

static const char *volatile plt_num = "7";

int main(int argc, char **argv)
{
	long (*work)(int);
	long sum = 0;
	void *h;

	if (argc < 2)
		return 2;
	for (int i = 0; i < 10; i++)
		sum += atoi(plt_num);
	h = dlopen(argv[1], RTLD_LAZY);
	if (!h) {
		fprintf(stderr, "dlopen: %s\n", dlerror());
		return 2;
	}
	work = (long (*)(int))dlsym(h, "plt_dl_work");
	if (!work)
		return 2;
	sum += work(300);
	printf("sum=%ld\n", sum);
	return sum == 10 * 7 + 300 * 42 ? 0 : 1;
}
