/* test_elfinfo.c - elfinfo on the fixtures, then on thousands of truncated and corrupted copies of them. */
#include "config.h"

#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elfinfo/elfinfo.h"

static int failures;

#define CHECK(cond, ...)                                                       \
	do {                                                                   \
		if (!(cond)) {                                                 \
			printf("FAIL %s:%d: ", __FILE__, __LINE__);            \
			printf(__VA_ARGS__);                                   \
			putchar('\n');                                         \
			failures++;                                            \
		}                                                              \
	} while (0)

static uint8_t *slurp(const char *path, size_t *size)
{
	FILE *fp = fopen(path, "rb");
	uint8_t *buf = NULL;
	long n;

	if (!fp)
		return NULL;
	if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) > 0 &&
	    fseek(fp, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n)) &&
	    fread(buf, 1, (size_t)n, fp) == (size_t)n) {
		*size = (size_t)n;
	} else {
		free(buf);
		buf = NULL;
	}
	fclose(fp);
	return buf;
}

/* Use every answer, so a bad pointer inside would be touched (ASan build). */
static void exercise(const struct elfinfo *ei)
{
	const struct elfinfo_site *sites;
	const struct elfinfo_reloc *relocs;
	size_t n = elfinfo_sites(ei, &sites), total = 0;
	uint64_t off;

	for (size_t i = 0; i < n; i++) {
		const char *name = elfinfo_symbolize(ei, sites[i].addr, &off);

		total += strlen(sites[i].symbol) + strlen(sites[i].section);
		if (name)
			total += strlen(name);
	}
	n = elfinfo_relocs(ei, &relocs);
	for (size_t i = 0; i < n; i++) {
		total += strlen(relocs[i].symbol);
		total += !elfinfo_export_addr(ei, relocs[i].symbol, &off, NULL);
	}
	(void)total;
}

/* Deterministic xorshift: failures reproduce. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static void test_fixture(const char *dir, const char *name, size_t min_sites,
			 const char *must_have)
{
	char path[4096], err[256];
	struct elfinfo *ei;
	const struct elfinfo_site *sites;
	size_t size = 0, n, ok = 0, rejected = 0;
	uint8_t *img, *copy;
	bool found = false;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	img = slurp(path, &size);
	CHECK(img, "cannot read %s", path);
	if (!img)
		return;
	ei = elfinfo_open(path, err, sizeof(err));
	CHECK(ei, "%s: %s", name, err);
	n = elfinfo_sites(ei, &sites);
	CHECK(n >= min_sites, "%s: %zu sites, want >= %zu", name, n, min_sites);
	for (size_t i = 0; i < n; i++)
		found |= strcmp(sites[i].symbol, must_have) == 0;
	CHECK(!must_have[0] || found, "%s: no site for %s", name, must_have);
	exercise(ei);
	elfinfo_close(ei);

	copy = malloc(size);
	/* Every truncation length near the headers, then spread over the file. */
	for (size_t len = 0; len < size; len += len < 4096 ? 1 : 997) {
		ei = elfinfo_open_mem(img, len, err, sizeof(err));
		if (ei) {
			exercise(ei);
			ok++;
		} else {
			CHECK(err[0], "%s truncated to %zu: NULL without a message",
			      name, len);
			rejected++;
		}
		elfinfo_close(ei);
	}
	CHECK(rejected > 0, "%s: no truncation was rejected", name);
	/* Random byte flips, biased to the headers where the offsets live. */
	for (int round = 0; round < 2000; round++) {
		memcpy(copy, img, size);
		for (int k = 0; k < 1 + (int)(rng() % 8); k++) {
			size_t at = rng() % 3 ? rng() % (size < 4096 ? size : 4096) :
						rng() % size;

			copy[at] = (uint8_t)rng();
		}
		ei = elfinfo_open_mem(copy, size, err, sizeof(err));
		if (ei)
			exercise(ei);
		elfinfo_close(ei);
	}
	/* Section headers gone (as sstrip leaves it): PT_DYNAMIC must do. */
	memcpy(copy, img, size);
	{
		Elf64_Ehdr eh;

		memcpy(&eh, copy, sizeof(eh));
		eh.e_shoff = 0;
		eh.e_shnum = 0;
		eh.e_shstrndx = 0;
		memcpy(copy, &eh, sizeof(eh));
		ei = elfinfo_open_mem(copy, size, err, sizeof(err));
		CHECK(ei, "%s without sections: %s", name, err);
		if (ei && must_have[0]) {
			n = elfinfo_sites(ei, &sites);
			found = false;
			for (size_t i = 0; i < n; i++)
				found |= strcmp(sites[i].symbol, must_have) == 0;
			CHECK(found, "%s without sections: no site for %s", name,
			      must_have);
		}
		elfinfo_close(ei);
	}
	printf("%s: %zu truncations parsed, %zu rejected; 2000 corruptions survived\n",
	       name, ok, rejected);
	free(copy);
	free(img);
}

/* Defined exports are found at their st_value; undefined imports are not. */
static void test_exports(const char *dir)
{
	char path[4096], err[256];
	struct elfinfo *ei;
	uint64_t vaddr, sym;
	bool ifunc = true;

	snprintf(path, sizeof(path), "%s/plt_dllib.so", dir);
	ei = elfinfo_open(path, err, sizeof(err));
	CHECK(ei, "plt_dllib.so: %s", err);
	if (!ei)
		return;
	CHECK(elfinfo_export_addr(ei, "plt_dl_work", &vaddr, &ifunc) == 0 &&
	      !ifunc && elfinfo_symbol_addr(ei, "plt_dl_work", &sym) == 0 &&
	      vaddr == sym, "plt_dl_work not exported at its address");
	CHECK(elfinfo_export_addr(ei, "atoi", &vaddr, NULL) < 0,
	      "the imported atoi taken for a definition");
	CHECK(elfinfo_export_addr(ei, "nosuch", &vaddr, NULL) < 0,
	      "nosuch found");
	elfinfo_close(ei);
}

int main(void)
{
	const char *dir = getenv("PROGS");
	char err[256];

	if (!dir) {
		printf("PROGS not set (run through make check)\n");
		return 99;
	}
	CHECK(!elfinfo_open("/nonexistent", err, sizeof(err)), "opened /nonexistent");
	CHECK(strstr(err, "No such file"), "message: %s", err);
	CHECK(!elfinfo_open_mem("", 0, err, sizeof(err)), "empty image accepted");
	CHECK(!elfinfo_open_mem("\177ELF", 4, err, sizeof(err)), "4 bytes accepted");
	elfinfo_close(NULL);
	test_fixture(dir, "plt_lazy", 2, "atoi");
	test_fixture(dir, "plt_pie", 2, "atoi");
	test_fixture(dir, "plt_now", 2, "strlen");
	test_fixture(dir, "plt_ibt", 2, "atoi");
	test_fixture(dir, "plt_ibtlazy", 2, "atoi");
	test_fixture(dir, "plt_noplt", 2, "atoi");
	test_fixture(dir, "plt_static", 0, "");
	test_fixture(dir, "plt_dllib.so", 1, "atoi");
	test_exports(dir);
	if (failures)
		printf("%d failure(s)\n", failures);
	return failures ? 1 : 0;
}
