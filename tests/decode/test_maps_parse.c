/* tests/decode/test_maps_parse.c - the /proc/PID/maps line parser, good and malformed lines. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decode.h"

static int failures, cases;

static void check(const char *what, const char *got, const char *want)
{
	cases++;
	if (strcmp(got, want) != 0) {
		failures++;
		printf("FAIL: %s\n  got  '%s'\n  want '%s'\n", what, got, want);
	}
}

/* A parsed line as "start end perm off dev inode deleted 'path'" or "ERR". */
static void show(const char *line, char *out, size_t size)
{
	struct decode_map m;

	if (decode_maps_line(line, strlen(line), &m) < 0) {
		snprintf(out, size, "ERR");
		return;
	}
	snprintf(out, size, "%llx %llx %s %llx %llx %llu %d '%.*s'",
		 (unsigned long long)m.start, (unsigned long long)m.end, m.perm,
		 (unsigned long long)m.offset, (unsigned long long)m.dev,
		 (unsigned long long)m.inode, m.deleted, (int)m.path_len, m.path);
}

int main(void)
{
	static const struct {
		const char *line, *want;
	} lines[] = {
		{ "55d0c8a00000-55d0c8a02000 r--p 00000000 08:01 1234                       /usr/bin/true\n",
		  "55d0c8a00000 55d0c8a02000 r--p 0 800000001 1234 0 '/usr/bin/true'" },
		{ "7ffd1000-7ffd2000 rw-p 00000000 00:00 0                          [stack]",
		  "7ffd1000 7ffd2000 rw-p 0 0 0 0 '[stack]'" },
		{ "ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]",
		  "ffffffffff600000 ffffffffff601000 --xp 0 0 0 0 '[vsyscall]'" },
		{ "7f0000000000-7f0000001000 rw-p 00000000 00:00 0 \n",
		  "7f0000000000 7f0000001000 rw-p 0 0 0 0 ''" },
		{ "7f0000000000-7f0000001000 rw-p 00000000 00:00 0",
		  "7f0000000000 7f0000001000 rw-p 0 0 0 0 ''" },
		{ "1000-2000 r-xs 0001f000 fd:02 99 /tmp/a b  c (deleted)\n",
		  "1000 2000 r-xs 1f000 fd00000002 99 1 '/tmp/a b  c (deleted)'" },
		{ "1000-2000 r-xp 00000000 08:01 7 /tmp/x\\012y",
		  "1000 2000 r-xp 0 800000001 7 0 '/tmp/x\\012y'" },
		{ "1000-2000 r-xp 00000000 08:01 7 (deleted)",
		  "1000 2000 r-xp 0 800000001 7 0 '(deleted)'" },
		{ "", "ERR" },
		{ "\n", "ERR" },
		{ "garbage", "ERR" },
		{ "1000-2000", "ERR" },
		{ "1000-2000 rwx", "ERR" },
		{ "2000-1000 r-xp 00000000 08:01 7 /x", "ERR" },
		{ "1000-2000 r-xz 00000000 08:01 7 /x", "ERR" },
		{ "1000-2000 r-xp 00000000 08:01", "ERR" },
		{ "1000-2000 r-xp 00000000 0801 7 /x", "ERR" },
		{ "1000-2000 r-xp 00000000 08:01 7x /x", "ERR" },
		{ "10000000000000000-2 r-xp 0 0:0 0", "ERR" },
		{ "1000-2000 r-xp 0 0:0 99999999999999999999 /x", "ERR" },
	};
	char got[8192];
	const char *text;
	struct decode_map m;
	size_t pos = 0, len;
	char *huge;
	int n = 0;

	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		show(lines[i].line, got, sizeof(got));
		check(lines[i].line, got, lines[i].want);
	}
	/* a path of 5000 bytes: kept whole, no copy */
	huge = malloc(6000);
	if (!huge)
		return 99;
	len = (size_t)snprintf(huge, 6000, "1000-2000 r--p 00000000 08:01 5 /");
	memset(huge + len, 'a', 5000);
	huge[len + 5000] = '\0';
	cases++;
	if (decode_maps_line(huge, strlen(huge), &m) < 0 || m.path_len != 5001) {
		failures++;
		printf("FAIL: huge path\n");
	}
	free(huge);
	/* iteration skips malformed lines and stops at the end, no '\n' at EOF */
	text = "1000-2000 r--p 00000000 08:01 5 /a\nbad line\n\n"
	       "3000-4000 rw-p 00000000 00:00 0 \n5000-6000 r-xp 0 00:00 0 [vdso]";
	while (decode_maps_next(text, strlen(text), &pos, &m) == 1) {
		char want[16];

		snprintf(want, sizeof(want), "%d", n == 0 ? 0x1000 : n == 1 ? 0x3000 : 0x5000);
		snprintf(got, sizeof(got), "%d", (int)m.start);
		check("iterate", got, want);
		n++;
	}
	snprintf(got, sizeof(got), "%d", n);
	check("iterate count", got, "3");
	printf("%d cases, %d failures\n", cases, failures);
	return failures != 0;
}
