/* tests/decode/test_xlat.c - table-driven tests of the generic decoders. */
#include "config.h"

#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decode.h"
#include "tests/decode/check.h"

/* A test table: single bits, a two-bit row, an alias, a zero row. */
#define T_A 0x1
#define T_B 0x2
#define T_C 0x4
#define T_DE 0x30
#define T_HIGH 0x8000000000000000ULL
static const struct xlat test_tab[] = {
	XLAT(T_A),
	XLAT(T_B),
	{ T_B, "T_B_ALIAS" },
	XLAT(T_C),
	XLAT(T_DE),
	XLAT(T_HIGH),
	{ 0, "T_NONE" },
};

static const struct {
	uint64_t flags;
	const char *want;
} flags_cases[] = {
	{ 0, "0" },
	{ T_A, "T_A" },
	{ T_A | T_B, "T_A|T_B" },
	{ T_C | T_A, "T_A|T_C" },
	{ T_DE, "T_DE" },
	{ 0x10, "0x10" },
	{ 0x20 | T_A, "T_A|0x20" },
	{ T_DE | T_C | T_B | T_A, "T_A|T_B|T_C|T_DE" },
	{ 0x100, "0x100" },
	{ T_A | 0x1100, "T_A|0x1100" },
	{ T_HIGH, "T_HIGH" },
	{ T_HIGH | 0x40, "T_HIGH|0x40" },
	{ UINT64_MAX, "T_A|T_B|T_C|T_DE|T_HIGH|0x7fffffffffffffc8" },
};

static const struct {
	uint64_t val;
	const char *want; /* NULL: unknown */
} name_cases[] = {
	{ T_A, "T_A" },
	{ T_B, "T_B" }, /* first row wins over the alias */
	{ T_DE, "T_DE" },
	{ T_HIGH, "T_HIGH" },
	{ 0, "T_NONE" },
	{ 0x10, NULL },
	{ 3, NULL },
};

static const struct {
	const char *name;
	int ret;
	uint64_t val;
} value_cases[] = {
	{ "T_A", 0, T_A },
	{ "T_B_ALIAS", 0, T_B },
	{ "T_HIGH", 0, T_HIGH },
	{ "T_NONE", 0, 0 },
	{ "T_D", -1, 0 },
	{ "", -1, 0 },
	{ "t_a", -1, 0 },
	{ NULL, -1, 0 },
};

/* xlat_flag_names with a names array of max entries. */
static const struct {
	uint64_t flags;
	size_t max;
	const char *want; /* "count: names... residue" */
} names_cases[] = {
	{ 0, 4, "0: residue 0" },
	{ T_A | T_C, 4, "2: T_A T_C residue 0" },
	{ T_A | T_C, 1, "2: T_A residue 0" },
	{ T_A | T_C, 0, "2: residue 0" },
	{ T_B | 0x10 | 0x100, 4, "1: T_B residue 0x110" },
	{ T_DE | T_HIGH, 4, "2: T_DE T_HIGH residue 0" },
};

static const struct {
	const char *s;
	long lo, hi;
	const char *want;
} parse_cases[] = {
	{ "0", 0, 10, "0" },
	{ "10", 0, 10, "10" },
	{ "11", 0, 10, "-1" },
	{ "-5", -10, 10, "-5" },
	{ "-5", 0, 10, "-1" },
	{ "", 0, 10, "-1" },
	{ "-", -10, 10, "-1" },
	{ "1x", 0, 10, "-1" },
	{ " 1", 0, 10, "-1" },
	{ "+1", 0, 10, "-1" },
	{ "9223372036854775807", LONG_MIN, LONG_MAX, "9223372036854775807" },
	{ "-9223372036854775808", LONG_MIN, LONG_MAX, "-9223372036854775808" },
	{ "9223372036854775808", LONG_MIN, LONG_MAX, "-1" },
	{ "-9223372036854775809", LONG_MIN, LONG_MAX, "-1" },
	{ "99999999999999999999999", LONG_MIN, LONG_MAX, "-1" },
	{ NULL, 0, 10, "-1" },
};

static const size_t trunc_sizes[] = { 0, 1, 2, 4, 7, 8, 9, 40 };

int main(void)
{
	char buf[256], input[128];
	size_t i;

	for (i = 0; i < XLAT_COUNT(flags_cases); i++) {
		size_t ret = xlat_flags(buf, sizeof(buf), test_tab,
					XLAT_COUNT(test_tab),
					flags_cases[i].flags);

		snprintf(input, sizeof(input), "xlat_flags(%#" PRIx64 ")",
			 flags_cases[i].flags);
		check(input, buf, flags_cases[i].want);
		if (ret != strlen(buf))
			check(input, "wrong length", "length of text");
	}

	for (i = 0; i < XLAT_COUNT(name_cases); i++) {
		const char *got = xlat_name(test_tab, XLAT_COUNT(test_tab),
					    name_cases[i].val);

		snprintf(input, sizeof(input), "xlat_name(%#" PRIx64 ")",
			 name_cases[i].val);
		check(input, got ? got : "(null)",
		      name_cases[i].want ? name_cases[i].want : "(null)");
	}

	for (i = 0; i < XLAT_COUNT(value_cases); i++) {
		uint64_t v = 0xdead;
		int ret = xlat_value(test_tab, XLAT_COUNT(test_tab),
				     value_cases[i].name, &v);
		char got[64], want[64];

		snprintf(input, sizeof(input), "xlat_value(%s)",
			 value_cases[i].name ? value_cases[i].name : "NULL");
		snprintf(got, sizeof(got), "%d %#" PRIx64, ret,
			 ret == 0 ? v : 0);
		snprintf(want, sizeof(want), "%d %#" PRIx64, value_cases[i].ret,
			 value_cases[i].val);
		check(input, got, want);
	}

	for (i = 0; i < XLAT_COUNT(names_cases); i++) {
		const char *names[4] = { NULL };
		uint64_t residue = 0xdead;
		size_t n = xlat_flag_names(test_tab, XLAT_COUNT(test_tab),
					   names_cases[i].flags, names,
					   names_cases[i].max, &residue);
		struct decode_buf b;

		decode_buf_init(&b, buf, sizeof(buf));
		decode_buf_printf(&b, "%zu:", n);
		for (size_t k = 0; k < n && k < names_cases[i].max; k++)
			decode_buf_printf(&b, " %s", names[k]);
		decode_buf_printf(&b, " residue %#" PRIx64, residue);
		snprintf(input, sizeof(input),
			 "xlat_flag_names(%#" PRIx64 ", max %zu)",
			 names_cases[i].flags, names_cases[i].max);
		check(input, buf, names_cases[i].want);
		if (names_cases[i].max < 4 && names[names_cases[i].max])
			check(input, "wrote past max", "nothing past max");
	}

	for (i = 0; i < XLAT_COUNT(parse_cases); i++) {
		long v = 0;
		int ret = decode_parse_int(parse_cases[i].s, parse_cases[i].lo,
					   parse_cases[i].hi, &v);
		char got[64];

		snprintf(input, sizeof(input), "decode_parse_int(%s)",
			 parse_cases[i].s ? parse_cases[i].s : "NULL");
		if (ret == 0)
			snprintf(got, sizeof(got), "%ld", v);
		else
			snprintf(got, sizeof(got), "%d", ret);
		check(input, got, parse_cases[i].want);
	}

	/* Truncation of xlat_flags and of the builder across several pieces. */
	for (i = 0; i < XLAT_COUNT(trunc_sizes); i++) {
		size_t size = trunc_sizes[i];
		char *small = canary_buf(size);
		uint64_t f = T_A | T_C | 0x100;
		size_t ret;
		struct decode_buf b;

		ret = xlat_flags(small, size, test_tab, XLAT_COUNT(test_tab),
				 f);
		snprintf(input, sizeof(input),
			 "xlat_flags(%#" PRIx64 ", size %zu)", f, size);
		check_trunc(input, "T_A|T_C|0x100", ret, small, size);

		memset(small, 'Z', size + CANARY);
		decode_buf_init(&b, small, size);
		decode_buf_puts(&b, "abc");
		decode_buf_printf(&b, "%d", 12345);
		decode_buf_puts(&b, "");
		decode_buf_puts(&b, "xyz");
		decode_buf_printf(&b, "%s", "!");
		snprintf(input, sizeof(input), "decode_buf(size %zu)", size);
		check_trunc(input, "abc12345xyz!", b.len, small, size);
		free(small);
	}

	return check_report();
}
