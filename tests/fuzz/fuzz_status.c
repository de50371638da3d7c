/* fuzz_status.c - libFuzzer harness: procfs_parse_status on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>

#include "proc/procfs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct proc_status st;
	struct proc_stat ps;

	procfs_parse_status((const char *)data, size, &st);
	if (st.n_nspid > EV_NSPID_MAX)
		__builtin_trap();
	procfs_parse_stat((const char *)data, size, &ps);
	return 0;
}
