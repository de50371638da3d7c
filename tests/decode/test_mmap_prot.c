/* tests/decode/test_mmap_prot.c - PROT_* words and maps permission strings. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "decode/decode.h"
#include "tests/decode/check.h"

int main(void)
{
	static const struct {
		const char *perm;
		int prot;
		bool wx, x;
	} perms[] = {
		{ "r-xp", PROT_READ | PROT_EXEC, false, true },
		{ "rwxp", PROT_READ | PROT_WRITE | PROT_EXEC, true, true },
		{ "-wxs", PROT_WRITE | PROT_EXEC, true, true },
		{ "---p", 0, false, false },
		{ "rw-s", PROT_READ | PROT_WRITE, false, false },
		{ "rwxq", -1, false, false },
		{ "xwrp", -1, false, false },
	};
	for (size_t i = 0; i < sizeof(perms) / sizeof(perms[0]); i++) {
		char want[64], got[64];

		snprintf(want, sizeof(want), "%d %d %d", perms[i].prot,
			 perms[i].wx, perms[i].x);
		snprintf(got, sizeof(got), "%d %d %d",
			 decode_perm_prot(perms[i].perm),
			 decode_perm_wx(perms[i].perm),
			 decode_perm_exec(perms[i].perm));
		check(perms[i].perm, got, want);
	}
	printf("%d cases, %d failures\n", test_cases, test_failures);
	return test_failures != 0;
}
