/* pid_set.c - a set of pids as one bit each. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "output/pid_set.h"

bool pid_set_add(struct pid_set *s, pid_t pid)
{
	size_t i = (size_t)pid / 8;

	if (pid < 0)
		return false;
	if (i >= s->bytes) {
		size_t n = 2 * i + 64;
		uint8_t *b = realloc(s->bits, n);

		if (!b)
			return false;
		memset(b + s->bytes, 0, n - s->bytes);
		s->bits = b;
		s->bytes = n;
	}
	s->bits[i] |= (uint8_t)(1u << (pid % 8));
	return true;
}

void pid_set_remove(struct pid_set *s, pid_t pid)
{
	if (pid_set_has(s, pid))
		s->bits[pid / 8] &= (uint8_t) ~(1u << (pid % 8));
}

bool pid_set_has(const struct pid_set *s, pid_t pid)
{
	size_t i = (size_t)pid / 8;

	return pid >= 0 && i < s->bytes && (s->bits[i] >> (pid % 8) & 1);
}

void pid_set_free(struct pid_set *s)
{
	free(s->bits);
	s->bits = NULL;
	s->bytes = 0;
}
