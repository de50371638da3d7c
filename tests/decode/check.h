/* tests/decode/check.h - shared case counters, string and truncation checks for the decoder unit tests. */
#ifndef TESTS_DECODE_CHECK_H
#define TESTS_DECODE_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int test_cases;
static int test_failures;

/* A NULL got reads as "(null)", so decoders returning NULL can be checked. */
static inline void check(const char *input, const char *got, const char *want)
{
	if (!got)
		got = "(null)";
	test_cases++;
	if (strcmp(got, want) != 0) {
		test_failures++;
		printf("FAIL: %s -> got '%s' want '%s'\n", input, got, want);
	}
}

/* A number, checked as its decimal text. */
static inline void check_num(const char *what, long got, long want)
{
	char g[32], w[32];

	snprintf(g, sizeof(g), "%ld", got);
	snprintf(w, sizeof(w), "%ld", want);
	check(what, g, w);
}

/*
 * The decoder wrote into a buffer of size bytes followed by a canary: check
 * the return value is the full length, the text is the NUL-terminated
 * prefix, and the canary is intact.
 */
#define CANARY 8
static inline void check_trunc(const char *input, const char *full,
			       size_t ret, const char *buf, size_t size)
{
	char got[256], want[256];
	size_t keep = size ? size - 1 : 0;
	const char *text = "";
	const char *canary = "ok";

	if (size > 0)
		text = memchr(buf, '\0', size) ? buf : "(no NUL)";
	for (size_t i = size; i < size + CANARY; i++)
		if (buf[i] != 'Z')
			canary = "overwritten";
	snprintf(want, sizeof(want), "ret %zu, '%.*s', canary ok",
		 strlen(full), (int)keep, full);
	snprintf(got, sizeof(got), "ret %zu, '%s', canary %s", ret, text,
		 canary);
	check(input, got, want);
}

/* A buffer of size bytes plus CANARY bytes, all 'Z'; aborts on OOM. */
static inline char *canary_buf(size_t size)
{
	char *buf = malloc(size + CANARY);

	if (!buf)
		abort();
	memset(buf, 'Z', size + CANARY);
	return buf;
}

/* Print the final "ok N cases" or failure count; returns main's status. */
static inline int check_report(void)
{
	if (test_failures) {
		printf("%d of %d cases failed\n", test_failures, test_cases);
		return 1;
	}
	printf("ok %d cases\n", test_cases);
	return 0;
}

#endif /* TESTS_DECODE_CHECK_H */
