/* test_exit_status.c - the one spelling of an exit status and of a disposition. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "decode/decode.h"
#include "tests/decode/check.h"

int main(void)
{
	static const struct {
		bool signaled;
		int value;
		bool core;
		const char *want;
	} statuses[] = {
		{ false, 0, false, "exit 0" },
		{ false, 255, false, "exit 255" },
		{ false, -1, false, "exit -1" },
		{ true, SIGKILL, false, "SIGKILL" },
		{ true, SIGSEGV, true, "SIGSEGV (core dumped)" },
		{ true, 32, false, "SIGRTMIN" },
	};
	static const struct {
		int sig;
		uint64_t ign, cgt;
		enum sig_disposition want;
	} disps[] = {
		{ SIGCHLD, 0, 0, SD_DEFAULT },
		{ SIGCHLD, 1ull << (SIGCHLD - 1), 0, SD_IGNORE },
		{ SIGINT, 0, 1ull << (SIGINT - 1), SD_HANDLER },
		{ SIGINT, 1ull << (SIGTERM - 1), 0, SD_DEFAULT },
		{ 64, 0, 1ull << 63, SD_HANDLER },
		{ 0, ~0ull, ~0ull, SD_UNKNOWN },
		{ 65, ~0ull, ~0ull, SD_UNKNOWN },
	};
	char buf[64], small[10];
	size_t n;

	for (size_t i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++) {
		decode_exit_status(buf, sizeof(buf), statuses[i].signaled,
				   statuses[i].value, statuses[i].core);
		check("decode_exit_status", buf, statuses[i].want);
	}
	n = decode_exit_status(small, sizeof(small), true, SIGSEGV, true);
	check("truncated", small, "SIGSEGV (");
	check("length", n == strlen("SIGSEGV (core dumped)") ?
			"ok" : "bad", "ok");
	for (size_t i = 0; i < sizeof(disps) / sizeof(disps[0]); i++) {
		enum sig_disposition d = decode_sig_disposition(
			disps[i].sig, disps[i].ign, disps[i].cgt);
		const char *got = decode_disposition_name(d);
		const char *want = decode_disposition_name(disps[i].want);

		check("decode_sig_disposition", got ? got : "(unknown)",
		      want ? want : "(unknown)");
	}
	check("ignore", decode_disposition_name(SD_IGNORE), "ignore");
	printf("%d cases, %d failures\n", test_cases, test_failures);
	return test_failures != 0;
}
