/* tests/decode/test_caps.c - table-driven tests of capability names and diffs. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "decode/decode.h"
#include "tests/decode/check.h"

int main(void)
{
	static const struct {
		uint64_t before, after;
		const char *want;
	} diffs[] = {
		{ 0x3000, 0x3000, "unchanged" },
		{ 1ull << 21 | 1ull << 13, 0, "-CAP_NET_RAW,-CAP_SYS_ADMIN" },
		{ 0, 1ull << 5, "+CAP_KILL" },
		{ 1ull << 5, 1ull << 6, "-CAP_KILL,+CAP_SETGID" },
		{ 0x1ffffffffffull, 0, "0x1ffffffffff->0x0 (-41, none left)" },
		{ 0x1ffffffffffull, 0x1ffffffdfffull, "-CAP_NET_RAW" },
		{ 0x1ff, 0x1ff000, "0x1ff->0x1ff000 (+9,-9)" },
	};
	char buf[512], small[8];
	size_t n;

	for (size_t i = 0; i < sizeof(diffs) / sizeof(diffs[0]); i++) {
		decode_caps_diff(buf, sizeof(buf), diffs[i].before,
				 diffs[i].after);
		check("decode_caps_diff", buf, diffs[i].want);
	}
	check("cap 19", decode_cap_name(19), "CAP_SYS_PTRACE");
	check("cap 41", decode_cap_name(41) ? "name" : "NULL", "NULL");
	/* snprintf semantics: full length returned, text cut, NUL kept */
	n = decode_caps_diff(small, sizeof(small), 0, 1ull << 21);
	check("truncated", small, "+CAP_SY");
	check("length", n == strlen("+CAP_SYS_ADMIN") ? "ok" : "bad", "ok");
	printf("%d cases, %d failures\n", test_cases, test_failures);
	return test_failures != 0;
}
