/* elfinfo_syms.c - names for addresses, addresses for names. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elfinfo/elfinfo_impl.h"

static int ei_add_func(struct elfinfo *ei, uint64_t addr, uint64_t size,
		       const char *name)
{
	if (ei_grow((void **)&ei->funcs, &ei->cap_funcs, ei->n_funcs,
		    sizeof(*ei->funcs)) < 0)
		return -1;
	ei->funcs[ei->n_funcs++] = (struct ei_func){ addr, size, name };
	return 0;
}

static int ei_add_funcs(struct elfinfo *ei, const struct ei_symtab *tab)
{
	for (uint64_t i = 1; i < tab->count; i++) {
		Elf64_Sym sym;
		const char *name;
		int type;

		if (!ei_get_sym(tab, i, &sym))
			break;
		type = ELF64_ST_TYPE(sym.st_info);
		if ((type != STT_FUNC && type != STT_GNU_IFUNC) ||
		    sym.st_shndx == SHN_UNDEF || sym.st_value == 0)
			continue;
		name = ei_sym_name(tab, sym.st_name);
		if (!name || !name[0])
			continue;
		if (ei_add_func(ei, sym.st_value, sym.st_size, name) < 0)
			return -1;
	}
	return 0;
}

/* PLT stubs as "name@plt", each up to the next stub (16 bytes at most). */
static int ei_add_stub_funcs(struct elfinfo *ei)
{
	for (size_t i = 0; i < ei->n_sites; i++) {
		const struct elfinfo_site *s = &ei->sites[i];
		uint64_t size = 16;
		char *name;

		if (s->kind != ELFINFO_STUB)
			continue;
		if (i + 1 < ei->n_sites &&
		    ei->sites[i + 1].addr - s->addr < size)
			size = ei->sites[i + 1].addr - s->addr;
		if (asprintf(&name, "%s@plt", s->symbol) < 0)
			return -1;
		if (!ei_own(ei, name) ||
		    ei_add_func(ei, s->addr, size, name) < 0)
			return -1;
	}
	return 0;
}

static int ei_cmp_func(const void *a, const void *b)
{
	const struct ei_func *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	/* Sized entries first: they say where the function ends. */
	return (x->size == 0) - (y->size == 0);
}

int ei_build_funcs(struct elfinfo *ei)
{
	if (ei_add_funcs(ei, &ei->symtab) < 0 ||
	    (!ei->dynsym_guessed && ei_add_funcs(ei, &ei->dynsym) < 0) ||
	    ei_add_stub_funcs(ei) < 0)
		return ei_oom(ei);
	if (ei->n_funcs)
		qsort(ei->funcs, ei->n_funcs, sizeof(*ei->funcs), ei_cmp_func);
	return 0;
}

const char *elfinfo_symbolize(const struct elfinfo *ei, uint64_t vaddr,
			      uint64_t *off)
{
	size_t lo = 0, hi;

	if (!ei)
		return NULL;
	hi = ei->n_funcs;
	/* the first entry above vaddr */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ei->funcs[mid].addr <= vaddr)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* Look back a few entries: aliases and nested local symbols. */
	for (size_t k = 0; k < 8 && k < lo; k++) {
		const struct ei_func *f = &ei->funcs[lo - 1 - k];

		if (f->size && vaddr - f->addr < f->size) {
			if (off)
				*off = vaddr - f->addr;
			return f->name;
		}
	}
	/* Lazy-binding entries of .plt have no symbol: name the section. */
	for (size_t i = 0; i < ei->n_plt_secs; i++) {
		const struct ei_func *f = &ei->plt_secs[i];

		if (vaddr >= f->addr && vaddr - f->addr < f->size) {
			if (off)
				*off = vaddr - f->addr;
			return f->name;
		}
	}
	/* A sizeless symbol (crt code) reaches up to the next one. */
	if (lo > 0 && ei->funcs[lo - 1].size == 0) {
		if (off)
			*off = vaddr - ei->funcs[lo - 1].addr;
		return ei->funcs[lo - 1].name;
	}
	return NULL;
}

int elfinfo_symbol_addr(const struct elfinfo *ei, const char *name,
			uint64_t *vaddr)
{
	if (!ei || !name)
		return -1;
	for (size_t i = 0; i < ei->n_funcs; i++)
		if (strcmp(ei->funcs[i].name, name) == 0) {
			*vaddr = ei->funcs[i].addr;
			return 0;
		}
	return -1;
}

/*
 * The definition ld.so binds name to in this object: a defined, exported
 * (global, weak or unique, not hidden) function or object whose version,
 * if any, is the default one: "name@VER" hidden versions are skipped.
 */
int elfinfo_export_addr(const struct elfinfo *ei, const char *name,
			uint64_t *vaddr, bool *ifunc)
{
	Elf64_Sym sym;

	if (!ei || !name || ei->dynsym_guessed)
		return -1;
	for (uint64_t i = 1; ei_get_sym(&ei->dynsym, i, &sym); i++) {
		unsigned bind = ELF64_ST_BIND(sym.st_info);
		unsigned type = ELF64_ST_TYPE(sym.st_info);
		unsigned vis = ELF64_ST_VISIBILITY(sym.st_other);
		const char *n;
		uint16_t ver;

		if (sym.st_shndx == SHN_UNDEF ||
		    (bind != STB_GLOBAL && bind != STB_WEAK &&
		     bind != STB_GNU_UNIQUE) ||
		    (type != STT_FUNC && type != STT_GNU_IFUNC &&
		     type != STT_OBJECT && type != STT_NOTYPE) ||
		    vis == STV_HIDDEN || vis == STV_INTERNAL)
			continue;
		if (ei->versym && i < ei->n_versym) {
			memcpy(&ver, ei->versym + i * 2, 2);
			/* 0 is local; the high bit marks a non-default version. */
			if (ver == 0 || (ver & 0x8000))
				continue;
		}
		n = ei_sym_name(&ei->dynsym, sym.st_name);
		if (!n || strcmp(n, name) != 0)
			continue;
		*vaddr = sym.st_value;
		if (ifunc)
			*ifunc = type == STT_GNU_IFUNC;
		return 0;
	}
	return -1;
}
