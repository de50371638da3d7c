/* elfdump.c - print what elfinfo found in a file (PLT sites, GOT relocations), for the cross-check tests. */
#include "config.h"

#include <elf.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elfinfo/elfinfo.h"

static const char *const elfdump_kinds[] = {
	[ELFINFO_STUB] = "stub",
	[ELFINFO_CALL] = "call",
	[ELFINFO_JMP] = "jmp",
};

/*
 * Usage: elfdump FILE [sym ADDR...]
 * Lines: "site ADDR GOT SYMBOL KIND SECTION", "reloc GOT TYPE SYMBOL",
 * "dynamic 0|1", and for each ADDR "sym ADDR NAME+0xOFF" (or "?").
 */
int main(int argc, char **argv)
{
	const struct elfinfo_site *sites;
	const struct elfinfo_reloc *relocs;
	struct elfinfo *ei;
	char err[256];
	size_t n;

	if (argc < 2) {
		fprintf(stderr, "usage: elfdump FILE [sym ADDR...]\n");
		return 2;
	}
	ei = elfinfo_open(argv[1], err, sizeof(err));
	if (!ei) {
		printf("error %s\n", err);
		return 1;
	}
	printf("dynamic %d\n", elfinfo_is_dynamic(ei));
	n = elfinfo_sites(ei, &sites);
	for (size_t i = 0; i < n; i++)
		printf("site 0x%" PRIx64 " 0x%" PRIx64 " %s %s %s\n",
		       sites[i].addr, sites[i].got, sites[i].symbol,
		       elfdump_kinds[sites[i].kind], sites[i].section);
	n = elfinfo_relocs(ei, &relocs);
	for (size_t i = 0; i < n; i++)
		printf("reloc 0x%" PRIx64 " %s %s\n", relocs[i].got,
		       relocs[i].type == R_X86_64_JUMP_SLOT ? "JUMP_SLOT" :
		       relocs[i].type == R_X86_64_GLOB_DAT ? "GLOB_DAT" :
							     "IRELATIVE",
		       relocs[i].symbol);
	for (int i = 2; i + 1 < argc; i += 2) {
		uint64_t addr = strtoull(argv[i + 1], NULL, 0), off = 0;
		const char *name = elfinfo_symbolize(ei, addr, &off);

		if (strcmp(argv[i], "sym") != 0)
			continue;
		if (name)
			printf("sym 0x%" PRIx64 " %s+0x%" PRIx64 "\n", addr, name, off);
		else
			printf("sym 0x%" PRIx64 " ?\n", addr);
	}
	elfinfo_close(ei);
	return 0;
}
