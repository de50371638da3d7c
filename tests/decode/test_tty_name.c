/* tests/decode/test_tty_name.c - stat's tty_nr as a /dev name: pts, consoles, serial ports, unknown devices, truncation. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decode.h"
#include "tests/decode/check.h"

/* new_encode_dev(), as the kernel writes tty_nr into /proc/PID/stat */
static unsigned long tty_nr(unsigned major, unsigned minor)
{
	return (minor & 0xff) | ((unsigned long)major << 8) |
	       ((unsigned long)(minor & ~0xffu) << 12);
}

static void check_name(unsigned major, unsigned minor, const char *want)
{
	char input[32], buf[64], got[96];
	size_t ret;

	snprintf(input, sizeof(input), "%u:%u", major, minor);
	memset(buf, 'Z', sizeof(buf));
	ret = decode_tty_name(buf, sizeof(buf), tty_nr(major, minor));
	/* the return is the length written, so callers can trust it */
	snprintf(got, sizeof(got), "%s (ret %s)", buf,
		 ret == strlen(buf) ? "= len" : "!= len");
	snprintf(buf, sizeof(buf), "%s (ret = len)", want);
	check(input, got, buf);
}

static void check_truncated(unsigned major, unsigned minor, const char *full,
			    size_t size)
{
	char input[48];
	char *buf = canary_buf(size);
	size_t ret = decode_tty_name(buf, size, tty_nr(major, minor));

	snprintf(input, sizeof(input), "%u:%u in %zu bytes", major, minor,
		 size);
	check_trunc(input, full, ret, buf, size);
	free(buf);
}

int main(void)
{
	static const struct {
		unsigned major, minor;
		const char *name;
	} names[] = {
		{ 136, 0, "pts/0" },
		{ 136, 3, "pts/3" },
		{ 136, 255, "pts/255" },
		{ 136, 300, "pts/300" }, /* minor bits 20-31 of tty_nr */
		{ 137, 44, "pts/300" }, /* the second pts major */
		{ 143, 255, "pts/2047" },
		{ 4, 1, "tty1" },
		{ 4, 63, "tty63" },
		{ 4, 64, "ttyS0" },
		{ 4, 65, "ttyS1" },
		{ 4, 255, "ttyS191" },
		{ 5, 0, "tty" },
		{ 5, 1, "console" },
		{ 5, 2, "ptmx" },
		{ 4, 0, "4:0" }, /* tty0 is not a controlling terminal */
		{ 5, 3, "5:3" },
		{ 8, 1, "8:1" },
		{ 144, 0, "144:0" },
		{ 200, 70000, "200:70000" },
	};
	char buf[16];

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		check_name(names[i].major, names[i].minor, names[i].name);

	/* 0: no controlling terminal, an empty name */
	memset(buf, 'Z', sizeof(buf));
	check("0 ret", decode_tty_name(buf, sizeof(buf), 0) ? "bad" : "ok",
	      "ok");
	check("0 name", buf, "");
	check("0 in 0 bytes", decode_tty_name(NULL, 0, 0) ? "bad" : "ok", "ok");

	/* snprintf semantics: the full length back, a NUL-ended prefix */
	check_truncated(136, 12, "pts/12", 4);
	check_truncated(136, 12, "pts/12", 6);
	check_truncated(136, 12, "pts/12", 7);
	check_truncated(136, 12, "pts/12", 1);
	check_truncated(136, 12, "pts/12", 0);
	check_truncated(5, 1, "console", 3);
	check_truncated(8, 1, "8:1", 2);
	return check_report();
}
