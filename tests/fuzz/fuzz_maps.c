/* fuzz_maps.c - libFuzzer harness: decode_maps_next on arbitrary bytes must not misread. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "decode/decode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct decode_map m;
	size_t pos = 0;
	volatile size_t sink = 0;

	while (decode_maps_next(text, size, &pos, &m) == 1) {
		/* the path must lie inside the input */
		if (m.path < text || m.path + m.path_len > text + size ||
		    m.end < m.start || strlen(m.perm) != 4)
			__builtin_trap();
		for (size_t i = 0; i < m.path_len; i++)
			sink += (unsigned char)m.path[i];
	}
	if (pos > size)
		__builtin_trap();
	(void)sink;
	return 0;
}
