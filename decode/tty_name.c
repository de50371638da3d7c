/* decode/tty_name.c - a controlling terminal's device number (stat's tty_nr) as its /dev name. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>

#include "decode/decode.h"

/*
 * Character-device majors of terminals (Documentation/admin-guide/devices.txt):
 * the name is the prefix and the minor plus base, within [first, last] majors
 * and [lo, hi] minors.
 */
static const struct {
	unsigned first, last; /* majors */
	unsigned lo, hi; /* minors */
	const char *prefix;
	unsigned base; /* added to the minor (ttyS: minor 64 is ttyS0) */
	bool numbered; /* false: the name alone ("console") */
} tty_majors[] = {
	{ 136, 143, 0, 0xfffff, "pts/", 0, true }, /* Unix98 pty slaves */
	{ 4, 4, 1, 63, "tty", 0, true }, /* virtual consoles */
	{ 4, 4, 64, 255, "ttyS", 64, true }, /* serial ports */
	{ 5, 5, 0, 0, "tty", 0, false },
	{ 5, 5, 1, 1, "console", 0, false },
	{ 5, 5, 2, 2, "ptmx", 0, false },
};

size_t decode_tty_name(char *buf, size_t size, unsigned long tty_nr)
{
	/* new_encode_dev(): minor bits 0-7 and 20-31, major bits 8-19 */
	unsigned major = (unsigned)((tty_nr >> 8) & 0xfff);
	unsigned minor =
		(unsigned)((tty_nr & 0xff) | ((tty_nr >> 12) & 0xfff00));
	int n;

	if (!tty_nr) {
		if (size)
			buf[0] = '\0';
		return 0;
	}
	for (size_t i = 0; i < sizeof(tty_majors) / sizeof(tty_majors[0]);
	     i++) {
		if (major < tty_majors[i].first || major > tty_majors[i].last ||
		    minor < tty_majors[i].lo || minor > tty_majors[i].hi)
			continue;
		if (!tty_majors[i].numbered)
			return (size_t)snprintf(buf, size, "%s",
						tty_majors[i].prefix);
		/* pts: majors 136-143 are one range of 2048 minors */
		n = snprintf(buf, size, "%s%u", tty_majors[i].prefix,
			     (major - tty_majors[i].first) * 256 + minor -
				     tty_majors[i].base);
		return n < 0 ? 0 : (size_t)n;
	}
	n = snprintf(buf, size, "%u:%u", major, minor);
	return n < 0 ? 0 : (size_t)n;
}
