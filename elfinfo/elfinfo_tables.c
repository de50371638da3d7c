/* elfinfo_tables.c - headers, dynamic table, symbols, GOT relocations. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elfinfo/elfinfo_impl.h"

bool ei_get_sym(const struct ei_symtab *tab, uint64_t idx, Elf64_Sym *sym)
{
	if (!tab->syms || idx >= tab->count)
		return false;
	memcpy(sym, tab->syms + idx * sizeof(Elf64_Sym), sizeof(*sym));
	return true;
}

/* The NUL-terminated name at off of tab's string table, or NULL. */
const char *ei_sym_name(const struct ei_symtab *tab, uint64_t off)
{
	if (!tab->str || off >= tab->strsz)
		return NULL;
	if (!memchr(tab->str + off, '\0', tab->strsz - off))
		return NULL;
	return tab->str + off;
}

int ei_read_phdrs(struct elfinfo *ei)
{
	size_t n;

	if (elf_getphdrnum(ei->elf, &n) < 0) {
		ei_err(ei, "bad program headers: %s", elf_errmsg(-1));
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		GElf_Phdr ph;

		if (!gelf_getphdr(ei->elf, (int)i, &ph)) {
			ei_err(ei, "bad program header %zu: %s", i,
			       elf_errmsg(-1));
			return -1;
		}
		switch (ph.p_type) {
		case PT_LOAD:
			if (ei->n_loads == EI_MAX_LOADS) {
				ei_err(ei, "more than %d PT_LOAD segments",
				       EI_MAX_LOADS);
				return -1;
			}
			if (!ei_range(ei, ph.p_offset, ph.p_filesz) ||
			    ph.p_filesz > ph.p_memsz) {
				ei_err(ei,
				       "PT_LOAD %zu outside the file (truncated?)",
				       i);
				return -1;
			}
			ei->loads[ei->n_loads++] = (struct ei_load){
				ph.p_vaddr,  ph.p_memsz, ph.p_offset,
				ph.p_filesz, ph.p_flags,
			};
			break;
		case PT_DYNAMIC:
			ei->dynamic = true;
			break;
		case PT_INTERP:
			ei->interp = true;
			break;
		default:
			break;
		}
	}
	if (ei->n_loads == 0) {
		ei_err(ei, "no PT_LOAD segment");
		return -1;
	}
	return 0;
}

int ei_read_dynamic(struct elfinfo *ei, struct ei_dyn *d)
{
	size_t n;

	memset(d, 0, sizeof(*d));
	if (elf_getphdrnum(ei->elf, &n) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		GElf_Phdr ph;
		const uint8_t *p;

		if (!gelf_getphdr(ei->elf, (int)i, &ph) ||
		    ph.p_type != PT_DYNAMIC)
			continue;
		p = ei_range(ei, ph.p_offset, ph.p_filesz);
		if (!p) {
			ei_err(ei, "PT_DYNAMIC outside the file");
			return -1;
		}
		for (uint64_t off = 0; off + sizeof(Elf64_Dyn) <= ph.p_filesz;
		     off += sizeof(Elf64_Dyn)) {
			Elf64_Dyn dyn;

			memcpy(&dyn, p + off, sizeof(dyn));
			switch (dyn.d_tag) {
			case DT_NULL:
				return 0;
			case DT_SYMTAB:
				d->symtab = dyn.d_un.d_ptr;
				break;
			case DT_STRTAB:
				d->strtab = dyn.d_un.d_ptr;
				break;
			case DT_STRSZ:
				d->strsz = dyn.d_un.d_val;
				break;
			case DT_JMPREL:
				d->jmprel = dyn.d_un.d_ptr;
				break;
			case DT_PLTRELSZ:
				d->pltrelsz = dyn.d_un.d_val;
				break;
			case DT_RELA:
				d->rela = dyn.d_un.d_ptr;
				break;
			case DT_RELASZ:
				d->relasz = dyn.d_un.d_val;
				break;
			case DT_HASH:
				d->hash = dyn.d_un.d_ptr;
				break;
			case DT_VERSYM:
				d->versym = dyn.d_un.d_ptr;
				break;
			default:
				break;
			}
		}
		return 0;
	}
	return 0;
}

static bool ei_name_is(const char *name, const char *want)
{
	return name && strcmp(name, want) == 0;
}

/* A symbol table section and its linked string table, checked. */
static void ei_symtab_from_section(struct elfinfo *ei, const GElf_Shdr *sh,
				   struct ei_symtab *tab)
{
	Elf_Scn *strscn = elf_getscn(ei->elf, sh->sh_link);
	GElf_Shdr strsh;
	const uint8_t *syms, *str;

	if (sh->sh_entsize != sizeof(Elf64_Sym) || !strscn ||
	    !gelf_getshdr(strscn, &strsh) || strsh.sh_type != SHT_STRTAB)
		return;
	syms = ei_range(ei, sh->sh_offset, sh->sh_size);
	str = ei_range(ei, strsh.sh_offset, strsh.sh_size);
	if (!syms || !str)
		return;
	tab->syms = syms;
	tab->count = sh->sh_size / sizeof(Elf64_Sym);
	tab->str = (const char *)str;
	tab->strsz = strsh.sh_size;
}

/* One section header: checked against the file, then filed by kind. */
static int ei_file_section(struct elfinfo *ei, Elf_Scn *scn, size_t shstrndx,
			   struct ei_sections *secs)
{
	GElf_Shdr sh;
	const char *name;
	struct ei_span sp;

	if (!gelf_getshdr(scn, &sh)) {
		ei_err(ei, "bad section header: %s", elf_errmsg(-1));
		return -1;
	}
	name = elf_strptr(ei->elf, shstrndx, sh.sh_name);
	if (sh.sh_type != SHT_NOBITS && sh.sh_size &&
	    !ei_range(ei, sh.sh_offset, sh.sh_size)) {
		ei_err(ei, "section %s outside the file (truncated?)",
		       name ? name : "?");
		return -1;
	}
	sp = (struct ei_span){ sh.sh_offset, sh.sh_size, sh.sh_addr,
			       name ? name : "?" };
	if (sh.sh_type == SHT_DYNSYM)
		ei_symtab_from_section(ei, &sh, &ei->dynsym);
	else if (sh.sh_type == SHT_SYMTAB)
		ei_symtab_from_section(ei, &sh, &ei->symtab);
	else if (sh.sh_type == SHT_GNU_versym && sh.sh_entsize == 2) {
		ei->versym = ei_range(ei, sh.sh_offset, sh.sh_size);
		ei->n_versym = ei->versym ? sh.sh_size / 2 : 0;
	} else if (sh.sh_type == SHT_RELA && secs->n_relas < EI_MAX_RELA_SECS)
		secs->relas[secs->n_relas++] = sp;
	else if (sh.sh_type == SHT_PROGBITS && (sh.sh_flags & SHF_EXECINSTR)) {
		if ((ei_name_is(name, ".plt") || ei_name_is(name, ".plt.sec") ||
		     ei_name_is(name, ".plt.got")) &&
		    secs->n_plts < EI_MAX_PLT_SECS)
			secs->plts[secs->n_plts++] = sp;
		else if (secs->n_execs < EI_MAX_EXEC_SECS)
			secs->execs[secs->n_execs++] = sp;
	}
	return 0;
}

int ei_read_sections(struct elfinfo *ei, struct ei_sections *secs)
{
	size_t shstrndx = 0;
	Elf_Scn *scn = NULL;

	/* Sections are optional (sstrip'd files): PT_DYNAMIC covers that. */
	if (elf_getshdrnum(ei->elf, &secs->shnum) < 0 ||
	    elf_getshdrstrndx(ei->elf, &shstrndx) < 0)
		secs->shnum = 0;
	while (secs->shnum && (scn = elf_nextscn(ei->elf, scn)))
		if (ei_file_section(ei, scn, shstrndx, secs) < 0)
			return -1;
	return 0;
}

void ei_tables_from_dynamic(struct elfinfo *ei, const struct ei_dyn *dyn)
{
	/* No section headers: the dynamic table says where things are. */
	if (!ei->dynsym.syms && dyn->symtab && dyn->strtab) {
		uint64_t have, strhave;
		const uint8_t *s =
			ei_vaddr_upto(ei, dyn->symtab, UINT64_MAX, &have);
		const uint8_t *str = ei_vaddr_upto(
			ei, dyn->strtab, dyn->strsz ? dyn->strsz : UINT64_MAX,
			&strhave);

		if (s && str) {
			const uint8_t *h =
				dyn->hash ?
					elfinfo_vaddr_bytes(ei, dyn->hash, 8) :
					NULL;
			uint32_t nchain;

			ei->dynsym.syms = s;
			ei->dynsym.count = have / sizeof(Elf64_Sym);
			/* DT_HASH's nchain is the symbol count; else guess. */
			ei->dynsym_guessed = true;
			if (h) {
				memcpy(&nchain, h + 4, 4);
				if (nchain <= ei->dynsym.count) {
					ei->dynsym.count = nchain;
					ei->dynsym_guessed = false;
				}
			}
			ei->dynsym.str = (const char *)str;
			ei->dynsym.strsz = strhave;
		}
	}
	/* No .gnu.version section: DT_VERSYM, one entry per dynsym symbol. */
	if (!ei->versym && dyn->versym && ei->dynsym.count &&
	    ei->dynsym.count <= UINT64_MAX / 2) {
		ei->versym = elfinfo_vaddr_bytes(ei, dyn->versym,
						 ei->dynsym.count * 2);
		ei->n_versym = ei->versym ? ei->dynsym.count : 0;
	}
}

static int ei_add_reloc(struct elfinfo *ei, uint64_t got, uint32_t type,
			const char *symbol)
{
	if (!symbol)
		return -1;
	if (ei_grow((void **)&ei->relocs, &ei->cap_relocs, ei->n_relocs,
		    sizeof(*ei->relocs)) < 0)
		return -1;
	ei->relocs[ei->n_relocs++] =
		(struct elfinfo_reloc){ got, type, symbol };
	return 0;
}

/* A table of Elf64_Rela entries (bytes already bounds-checked). */
static int ei_read_relas(struct elfinfo *ei, const uint8_t *p, uint64_t size)
{
	for (uint64_t off = 0; off + sizeof(Elf64_Rela) <= size;
	     off += sizeof(Elf64_Rela)) {
		Elf64_Rela r;
		uint32_t type;
		const char *name = NULL;
		Elf64_Sym sym;

		memcpy(&r, p + off, sizeof(r));
		type = (uint32_t)ELF64_R_TYPE(r.r_info);
		if (type != R_X86_64_JUMP_SLOT && type != R_X86_64_GLOB_DAT &&
		    type != R_X86_64_IRELATIVE)
			continue;
		if (type == R_X86_64_IRELATIVE || ELF64_R_SYM(r.r_info) == 0) {
			char buf[48];

			/* objdump's spelling for a slot filled by an ifunc resolver */
			snprintf(buf, sizeof(buf), "*ABS*+0x%" PRIx64,
				 (uint64_t)r.r_addend);
			name = ei_own(ei, strdup(buf));
		} else if (ei_get_sym(&ei->dynsym, ELF64_R_SYM(r.r_info),
				      &sym)) {
			name = ei_sym_name(&ei->dynsym, sym.st_name);
		}
		if (!name || !name[0])
			continue;
		if (ei_add_reloc(ei, r.r_offset, type, name) < 0)
			return -1;
	}
	return 0;
}

static int ei_cmp_reloc(const void *a, const void *b)
{
	const struct elfinfo_reloc *x = a, *y = b;

	return x->got < y->got ? -1 : x->got > y->got;
}

int ei_read_relocs(struct elfinfo *ei, const struct ei_sections *secs,
		   const struct ei_dyn *dyn)
{
	const uint64_t tabs[2][2] = { { dyn->jmprel, dyn->pltrelsz },
				      { dyn->rela, dyn->relasz } };

	for (size_t i = 0; i < secs->n_relas; i++) {
		const struct ei_span *r = &secs->relas[i];

		if (ei_read_relas(ei, ei_range(ei, r->offset, r->size),
				  r->size) < 0)
			return ei_oom(ei);
	}
	/* No SHT_RELA sections: the dynamic table's two tables. */
	for (size_t i = 0; !secs->n_relas && i < 2; i++) {
		const uint8_t *p;

		if (!tabs[i][0] || !tabs[i][1])
			continue;
		p = elfinfo_vaddr_bytes(ei, tabs[i][0], tabs[i][1]);
		if (!p) {
			ei_err(ei, "relocation table outside the file");
			return -1;
		}
		if (ei_read_relas(ei, p, tabs[i][1]) < 0)
			return ei_oom(ei);
	}
	if (ei->n_relocs)
		qsort(ei->relocs, ei->n_relocs, sizeof(*ei->relocs),
		      ei_cmp_reloc);
	return 0;
}

const struct elfinfo_reloc *ei_find_reloc(const struct elfinfo *ei,
					  uint64_t got)
{
	size_t lo = 0, hi = ei->n_relocs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ei->relocs[mid].got < got)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ei->n_relocs && ei->relocs[lo].got == got ?
		       &ei->relocs[lo] :
		       NULL;
}
