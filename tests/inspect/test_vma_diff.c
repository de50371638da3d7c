/* tests/inspect/test_vma_diff.c - diffs of two maps readings: map, unmap, protect, wx, exec_new. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "probes/vma.h"

static int failures, cases;

/* The diff as "op start-end perm path [wx] [exec_new]; ..." in op order. */
static void show(const struct vma_diff *d, char *out, size_t size)
{
	static const char *const ops[] = { "snap", "map", "unmap", "protect" };
	size_t len = 0;

	out[0] = '\0';
	for (int op = 1; op < 4; op++)
		for (size_t i = 0; i < d->n[op]; i++) {
			const struct ev_region *r = &d->list[op][i];

			len += (size_t)snprintf(out + len, size - len,
				"%s%s %" PRIx64 "-%" PRIx64 " %s %s%s%s",
				len ? "; " : "", ops[op], r->start, r->end,
				r->perm, r->path, r->wx ? " wx" : "",
				r->exec_new ? " exec_new" : "");
		}
}

static void check(const char *name, const char *old, const char *now,
		  const char *want)
{
	struct vma_snap a = { 0 }, b = { 0 };
	struct vma_diff d = { 0 };
	char got[2048];

	cases++;
	if (vma_snap_parse(&a, old, strlen(old)) < 0 ||
	    vma_snap_parse(&b, now, strlen(now)) < 0 ||
	    vma_diff_compute(&d, &a, &b) < 0) {
		snprintf(got, sizeof(got), "ERROR");
	} else {
		show(&d, got, sizeof(got));
	}
	if (strcmp(got, want) != 0) {
		failures++;
		printf("FAIL: %s\n  got  '%s'\n  want '%s'\n", name, got, want);
	}
	vma_snap_free(&a);
	vma_snap_free(&b);
	vma_diff_free(&d);
}

#define LIB "7000-8000 r-xp 00000000 08:01 5 /lib/x.so\n"
#define HEAP "10000-11000 rw-p 00000000 00:00 0 [heap]\n"

int main(void)
{
	check("nothing", LIB HEAP, LIB HEAP, "");
	check("anon map merged by the kernel",
	      "1000-3000 rw-p 00000000 00:00 0 \n" LIB,
	      "1000-6000 rw-p 00000000 00:00 0 \n" LIB,
	      "map 3000-6000 rw-p ");
	check("protect the middle page",
	      "1000-4000 rw-p 00000000 00:00 0 \n",
	      "1000-2000 rw-p 00000000 00:00 0 \n2000-3000 ---p 00000000 00:00 0 \n"
	      "3000-4000 rw-p 00000000 00:00 0 \n",
	      "protect 2000-3000 ---p ");
	check("unmap three pieces",
	      "1000-2000 rw-p 00000000 00:00 0 \n2000-3000 ---p 00000000 00:00 0 \n"
	      "3000-4000 rw-p 00000000 00:00 0 \n" LIB, LIB,
	      "unmap 1000-2000 rw-p ; unmap 2000-3000 ---p ; unmap 3000-4000 rw-p ");
	check("wx map", LIB, "1000-2000 rwxp 00000000 00:00 0 \n" LIB,
	      "map 1000-2000 rwxp  wx");
	check("new library", HEAP,
	      "7000-8000 r--p 00000000 08:01 5 /lib/x.so\n"
	      "8000-9000 r-xp 00001000 08:01 5 /lib/x.so\n" HEAP,
	      "map 7000-8000 r--p /lib/x.so; map 8000-9000 r-xp /lib/x.so exec_new");
	check("file made executable",
	      "7000-8000 r--p 00000000 08:01 5 /lib/x.so\n",
	      "7000-8000 r-xp 00000000 08:01 5 /lib/x.so\n",
	      "protect 7000-8000 r-xp /lib/x.so exec_new");
	check("MAP_FIXED over a file",
	      "7000-9000 r--p 00000000 08:01 5 /lib/x.so\n",
	      "7000-8000 r--p 00000000 08:01 5 /lib/x.so\n"
	      "8000-9000 rw-p 00000000 00:00 0 \n",
	      "map 8000-9000 rw-p ");
	check("same file, other offset = remapped",
	      "7000-8000 r--p 00000000 08:01 5 /lib/x.so\n",
	      "7000-8000 r--p 00002000 08:01 5 /lib/x.so\n",
	      "map 7000-8000 r--p /lib/x.so");
	check("mremap moves",
	      "1000-3000 rw-p 00000000 00:00 0 \n",
	      "9000-b000 rw-p 00000000 00:00 0 \n",
	      "map 9000-b000 rw-p ; unmap 1000-3000 rw-p ");
	check("heap grows", HEAP, "10000-13000 rw-p 00000000 00:00 0 [heap]\n",
	      "map 11000-13000 rw-p [heap]");
	check("from nothing", "", LIB, "map 7000-8000 r-xp /lib/x.so exec_new");
	check("malformed lines ignored", "junk\n" LIB "9-1 rw-p 0 0:0 0\n", LIB,
	      "");
	printf("%d cases, %d failures\n", cases, failures);
	return failures != 0;
}
