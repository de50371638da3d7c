/* tests/decode/test_ns_types.c - namespace kinds, their flags and /proc files. */
#include "config.h"

#include <linux/sched.h>
#include <stdio.h>
#include <string.h>

#include "decode/decode.h"
#include "tests/decode/check.h"

int main(void)
{
	static const char *const names[] = { "mnt", "pid", "net", "uts",
					     "ipc", "user", "cgroup", "time" };

	for (unsigned i = 0; i < DECODE_NS_COUNT; i++) {
		check("name", decode_ns_name(i), names[i]);
		check("reverse", decode_ns_type(names[i]) == (int)i ? "ok" : "bad",
		      "ok");
	}
	check("out of range", decode_ns_name(8), "(null)");
	check("unknown", decode_ns_type("bogus") == -1 ? "ok" : "bad", "ok");
	check("pid children", decode_ns_file(1, true), "pid_for_children");
	check("time children", decode_ns_file(7, true), "time_for_children");
	check("uts children", decode_ns_file(3, true), "uts");
	check("pid own", decode_ns_file(1, false), "pid");
	check("flag uts", decode_ns_flag(3) == CLONE_NEWUTS ? "ok" : "bad", "ok");
	check("flag time", decode_ns_flag(7) == 0x80 ? "ok" : "bad", "ok");
	check("all", decode_ns_all_flags() == 0x7e020080ull ? "ok" : "bad", "ok");
	printf("%d cases, %d failures\n", test_cases, test_failures);
	return test_failures != 0;
}
