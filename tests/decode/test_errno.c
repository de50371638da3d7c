/* tests/decode/test_errno.c - table-driven tests of the errno name decoder. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decode.h"
#include "tests/decode/check.h"

static const struct {
	int err;
	const char *want;
} name_cases[] = {
	{ 0, "0" },
	{ EPERM, "EPERM" },
	{ ENOENT, "ENOENT" },
	{ EINTR, "EINTR" },
	{ EAGAIN, "EAGAIN" },
	{ EWOULDBLOCK, "EAGAIN" },
	{ EDEADLOCK, "EDEADLK" },
	{ ENOTSUP, "EOPNOTSUPP" },
	{ ENOSYS, "ENOSYS" },
	{ EHWPOISON, "EHWPOISON" },
	{ 134, "E134" },
	/* Kernel-internal codes glibc has no names for. */
	{ 512, "ERESTARTSYS" },
	{ 513, "ERESTARTNOINTR" },
	{ 514, "ERESTARTNOHAND" },
	{ 515, "ENOIOCTLCMD" },
	{ 516, "ERESTART_RESTARTBLOCK" },
	{ 517, "EPROBE_DEFER" },
	{ 518, "EOPENSTALE" },
	{ 519, "ENOPARAM" },
	{ 520, "E520" },
	{ 524, "E524" },
	{ 4095, "E4095" },
	{ 4096, "E4096" },
	/* The sign is not stripped: callers pass -ret. */
	{ -1, "E-1" },
	{ -ENOENT, "E-2" },
	{ INT_MAX, "E2147483647" },
	{ INT_MIN, "E-2147483648" },
};

static const struct {
	const char *name;
	int want;
} number_cases[] = {
	{ "EPERM", EPERM },
	{ "EWOULDBLOCK", EAGAIN },
	{ "EDEADLOCK", EDEADLK },
	{ "ENOTSUP", EOPNOTSUPP },
	{ "ERESTARTSYS", 512 },
	{ "ERESTART_RESTARTBLOCK", 516 },
	{ "ENOPARAM", 519 },
	{ "E524", 524 },
	{ "E2", 2 },
	{ "E0", 0 },
	{ "0", 0 },
	{ "E2147483647", INT_MAX },
	/* Refused. */
	{ "E2147483648", -1 },
	{ "E-1", -1 },
	{ "E", -1 },
	{ "E12x", -1 },
	{ "Efoo", -1 },
	{ "ENOENTX", -1 },
	{ "enoent", -1 },
	{ "524", -1 },
	{ "", -1 },
	{ NULL, -1 },
};

static const struct {
	int err;
	const char *want;
} restart_cases[] = {
	{ 0, "false" },
	{ EINTR, "false" },
	{ 511, "false" },
	{ 512, "true" },
	{ 513, "true" },
	{ 514, "true" },
	{ 515, "true" }, /* ENOIOCTLCMD: inside the kernel's restart range */
	{ 516, "true" },
	{ 517, "false" },
	{ -511, "false" },
	{ -512, "true" },
	{ -516, "true" },
	{ -517, "false" },
	{ INT_MIN, "false" },
	{ INT_MAX, "false" },
};

static const size_t trunc_sizes[] = { 0, 1, 2, 5, 6, 7, 21, 22, 23 };
static const int trunc_errs[] = { ENOENT, 516, 524, 0 };

int main(void)
{
	char buf[64], got[64], want[64], input[128];
	size_t i;
	int err;

	for (i = 0; i < XLAT_COUNT(name_cases); i++) {
		size_t ret = decode_errno(buf, sizeof(buf), name_cases[i].err);

		snprintf(input, sizeof(input), "decode_errno(%d)",
			 name_cases[i].err);
		check(input, buf, name_cases[i].want);
		if (ret != strlen(buf))
			check(input, "wrong length", "length of text");
	}

	for (i = 0; i < XLAT_COUNT(number_cases); i++) {
		snprintf(input, sizeof(input), "decode_errno_number(%s)",
			 number_cases[i].name ? number_cases[i].name : "NULL");
		snprintf(got, sizeof(got), "%d",
			 decode_errno_number(number_cases[i].name));
		snprintf(want, sizeof(want), "%d", number_cases[i].want);
		check(input, got, want);
	}

	/* Round trip over every errno a syscall can return. */
	for (err = 0; err <= 4095; err++) {
		decode_errno(buf, sizeof(buf), err);
		snprintf(input, sizeof(input), "round trip %d via %s", err,
			 buf);
		snprintf(got, sizeof(got), "%d", decode_errno_number(buf));
		snprintf(want, sizeof(want), "%d", err);
		check(input, got, want);
	}

	for (i = 0; i < XLAT_COUNT(restart_cases); i++) {
		snprintf(input, sizeof(input), "decode_errno_is_restart(%d)",
			 restart_cases[i].err);
		check(input,
		      decode_errno_is_restart(restart_cases[i].err) ? "true" :
								      "false",
		      restart_cases[i].want);
	}

	for (i = 0; i < XLAT_COUNT(trunc_errs); i++) {
		char full[64];

		decode_errno(full, sizeof(full), trunc_errs[i]);
		for (size_t k = 0; k < XLAT_COUNT(trunc_sizes); k++) {
			size_t size = trunc_sizes[k];
			char *small = canary_buf(size);
			size_t ret = decode_errno(small, size, trunc_errs[i]);

			snprintf(input, sizeof(input),
				 "decode_errno(%d, size %zu)", trunc_errs[i],
				 size);
			check_trunc(input, full, ret, small, size);
			free(small);
		}
	}

	return check_report();
}
