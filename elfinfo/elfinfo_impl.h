/* elfinfo_impl.h - struct elfinfo and helpers shared by elfinfo's files. */
#ifndef PROCTRACE_ELFINFO_IMPL_H
#define PROCTRACE_ELFINFO_IMPL_H

#include <capstone.h>
#include <gelf.h>
#include <libelf.h>

#include "elfinfo/elfinfo.h"

/* Files larger than this are not parsed (an executable of 1 GiB is a data file). */
#define EI_MAX_FILE (1ull << 30)
#define EI_PAGE_MASK (~(uint64_t)0xfff)
#define EI_MAX_LOADS 64
#define EI_MAX_PLT_SECS 8
#define EI_MAX_EXEC_SECS 64
#define EI_MAX_RELA_SECS 16

/* One PT_LOAD segment. */
struct ei_load {
	uint64_t vaddr, memsz, offset, filesz;
	uint32_t flags;
};

/* A region of the image: file offset and size, already bounds-checked. */
struct ei_span {
	uint64_t offset, size, addr;
	const char *name;
};

/* A symbol table and its string table, as raw image bytes. */
struct ei_symtab {
	const uint8_t *syms;
	uint64_t count;
	const char *str;
	uint64_t strsz;
};

/* An entry of the address -> name table. */
struct ei_func {
	uint64_t addr, size;
	const char *name;
};

/* The handle: the image, its tables, and what was found in it. */
struct elfinfo {
	uint8_t *image;
	size_t size;
	Elf *elf;
	bool dynamic, interp;
	struct ei_load loads[EI_MAX_LOADS];
	size_t n_loads;
	struct ei_symtab dynsym, symtab;
	bool dynsym_guessed; /* from PT_DYNAMIC: its length is not known */
	const uint8_t *versym; /* .gnu.version: one 16-bit entry per dynsym */
	uint64_t n_versym;
	struct elfinfo_reloc *relocs;
	size_t n_relocs, cap_relocs;
	struct elfinfo_site *sites;
	size_t n_sites, cap_sites;
	struct ei_func *funcs;
	size_t n_funcs, cap_funcs;
	struct ei_func plt_secs[EI_MAX_PLT_SECS]; /* fallback names */
	size_t n_plt_secs;
	char **owned; /* strings this handle allocated */
	size_t n_owned, cap_owned;
	csh cs;
	bool cs_open;
	char *err;
	size_t errsize;
};

/* The dynamic table entries proctrace uses (0 when absent). */
struct ei_dyn {
	uint64_t symtab, strtab, strsz, jmprel, pltrelsz, rela, relasz, hash;
	uint64_t versym;
};

/* The sections the parse needs, collected by one walk of the headers. */
struct ei_sections {
	struct ei_span plts[EI_MAX_PLT_SECS]; /* .plt, .plt.sec, .plt.got */
	struct ei_span execs[EI_MAX_EXEC_SECS]; /* other code */
	struct ei_span relas[EI_MAX_RELA_SECS];
	size_t n_plts, n_execs, n_relas;
	size_t shnum; /* 0: no section headers (sstrip'd) */
};

/* ---- elfinfo.c: the handle, its errors, its image ---- */

void ei_err(struct elfinfo *ei, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* ei_err "out of memory"; returns -1. */
int ei_oom(struct elfinfo *ei);
/* Grow *arr (of *cap elements of size elem) to hold one more. */
int ei_grow(void **arr, size_t *cap, size_t n, size_t elem);
/* Keep s (malloc'd) until close; NULL if s is NULL or no memory. */
const char *ei_own(struct elfinfo *ei, char *s);
/* len bytes at file offset off, or NULL if any of them is outside the file. */
const uint8_t *ei_range(const struct elfinfo *ei, uint64_t off, uint64_t len);
/* The file-backed bytes at vaddr, at most want of them (*got says how many). */
const uint8_t *ei_vaddr_upto(const struct elfinfo *ei, uint64_t vaddr,
			     uint64_t want, uint64_t *got);

/* ---- elfinfo_tables.c: headers, sections, symbol tables, relocations ---- */

bool ei_get_sym(const struct ei_symtab *tab, uint64_t idx, Elf64_Sym *sym);
/* The NUL-terminated name at off of tab's string table, or NULL. */
const char *ei_sym_name(const struct ei_symtab *tab, uint64_t off);
int ei_read_phdrs(struct elfinfo *ei);
int ei_read_dynamic(struct elfinfo *ei, struct ei_dyn *d);
/* Symbol tables and version table into ei, the other sections into secs. */
int ei_read_sections(struct elfinfo *ei, struct ei_sections *secs);
/* Without section headers: .dynsym and .gnu.version from the dynamic table. */
void ei_tables_from_dynamic(struct elfinfo *ei, const struct ei_dyn *dyn);
/* The function relocations of GOT slots, sorted by slot. */
int ei_read_relocs(struct elfinfo *ei, const struct ei_sections *secs,
		   const struct ei_dyn *dyn);
const struct elfinfo_reloc *ei_find_reloc(const struct elfinfo *ei,
					  uint64_t got);

/* ---- elfinfo_sites.c: PLT stubs and GOT call sites, by capstone ---- */

int ei_find_sites(struct elfinfo *ei, const struct ei_sections *secs);

/* ---- elfinfo_syms.c: the address -> function table ---- */

int ei_build_funcs(struct elfinfo *ei);

#endif
