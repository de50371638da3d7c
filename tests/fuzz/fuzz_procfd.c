/* fuzz_procfd.c - libFuzzer harness: the fdinfo flags and #! line parsers on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "proc/procfd.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char line[64];
	unsigned flags;
	long n;

	procfd_parse_flags((const char *)data, size, &flags);
	n = procfd_parse_shebang((const char *)data, size, line, sizeof(line));
	if (n >= (long)sizeof(line) || (n >= 0 && strlen(line) != (size_t)n))
		__builtin_trap();
	return 0;
}
