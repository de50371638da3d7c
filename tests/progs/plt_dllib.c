/* plt_dllib.c - the library plt_dlopen loads: n atoi calls through this library's own PLT. */
#include <stdlib.h>

long plt_dl_work(int n);

static const char *volatile plt_dl_num = "42";

long plt_dl_work(int n)
{
	long sum = 0;

	for (int i = 0; i < n; i++)
		sum += atoi(plt_dl_num);
	return sum;
}
