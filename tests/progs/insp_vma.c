/* insp_vma.c - map three pages, protect the middle one, unmap them, map an RWX page. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* Touch n bytes below the current stack: the [stack] VMA grows. */
static __attribute__((noinline)) void grow_stack(size_t n)
{
	char *buf = alloca(n);

	memset(buf, 1, n);
	__asm__ volatile("" : : "r"(buf) : "memory");
}

int main(int argc, char **argv)
{
	long pg = sysconf(_SC_PAGESIZE);
	int fails = argc > 1 ? atoi(argv[1]) : 0;
	char *p, *x, *y;

	p = mmap(NULL, 3 * (size_t)pg, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return 1;
	printf("map=0x%lx\nmid=0x%lx\nend=0x%lx\n", (unsigned long)(uintptr_t)p,
	       (unsigned long)(uintptr_t)(p + pg),
	       (unsigned long)(uintptr_t)(p + 2 * pg));
	if (mprotect(p + pg, (size_t)pg, PROT_NONE) < 0 ||
	    munmap(p, 3 * (size_t)pg) < 0)
		return 1;
	x = mmap(NULL, (size_t)pg, PROT_READ | PROT_WRITE | PROT_EXEC,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (x == MAP_FAILED)
		return 1;
	printf("rwx=0x%lx\nrwx_end=0x%lx\n", (unsigned long)(uintptr_t)x,
	       (unsigned long)(uintptr_t)(x + pg));
	/* Failing calls change nothing: EINVAL (unaligned). */
	for (int i = 0; i < fails; i++)
		if (munmap(x + 1, (size_t)pg) == 0)
			return 1;
	/* The stack grows by a fault; the next mmap must not claim it. */
	grow_stack(1 << 20);
	y = mmap(NULL, (size_t)pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (y == MAP_FAILED)
		return 1;
	printf("last=0x%lx\n", (unsigned long)(uintptr_t)y);
	return 0;
}
