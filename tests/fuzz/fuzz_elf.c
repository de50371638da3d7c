/* fuzz_elf.c - libFuzzer harness: elfinfo must reject or parse any bytes, never crash. */
#include <stddef.h>
#include <stdint.h>

#include "elfinfo/elfinfo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct elfinfo_site *sites;
	const struct elfinfo_reloc *relocs;
	char err[256];
	struct elfinfo *ei = elfinfo_open_mem(data, size, err, sizeof(err));
	uint64_t off, bias, addr;
	size_t n;

	if (!ei)
		return 0;
	/* Walk every answer the tracer would ask for. */
	n = elfinfo_sites(ei, &sites);
	for (size_t i = 0; i < n; i++) {
		elfinfo_symbolize(ei, sites[i].addr, &off);
		elfinfo_symbolize(ei, sites[i].got_init, &off);
	}
	n = elfinfo_relocs(ei, &relocs);
	for (size_t i = 0; i < n; i++)
		elfinfo_vaddr_bytes(ei, relocs[i].got, 8);
	elfinfo_bias(ei, 0x555555554000, 0, &bias);
	elfinfo_symbol_addr(ei, "_dl_debug_state", &addr);
	elfinfo_close(ei);
	return 0;
}
