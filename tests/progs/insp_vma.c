/* insp_vma.c - map three pages, protect the middle one, unmap them, map an RWX page. */
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

int main(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	char *p, *x;

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
	return 0;
}
