/* insp_segv.c - fault in main at a known line (built with -g -O0) for --stack. */
#include <stdio.h>

int main(void)
{
	volatile int *volatile p = NULL;

	fflush(stdout);
	*p = 42; /* SEGV_LINE */
	return 0;
}
