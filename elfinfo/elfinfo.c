/* elfinfo.c - parse an ELF file's dynamic symbols, GOT relocations and PLT stubs, bounds-checked. */
#include "config.h"

#include <capstone.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <inttypes.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elfinfo/elfinfo.h"

/* Files larger than this are not parsed (an executable of 1 GiB is a data file). */
#define EI_MAX_FILE (1ull << 30)
#define EI_PAGE_MASK (~(uint64_t)0xfff)
#define EI_MAX_LOADS 64
#define EI_MAX_PLT_SECS 8
#define EI_MAX_EXEC_SECS 64

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

struct elfinfo {
	uint8_t *image;
	size_t size;
	Elf *elf;
	bool dynamic, interp;
	struct ei_load loads[EI_MAX_LOADS];
	size_t n_loads;
	struct ei_symtab dynsym, symtab;
	bool dynsym_guessed;	/* from PT_DYNAMIC: its length is not known */
	const uint8_t *versym;	/* .gnu.version: one 16-bit entry per dynsym */
	uint64_t n_versym;
	struct elfinfo_reloc *relocs;
	size_t n_relocs, cap_relocs;
	struct elfinfo_site *sites;
	size_t n_sites, cap_sites;
	struct ei_func *funcs;
	size_t n_funcs, cap_funcs;
	struct ei_func plt_secs[EI_MAX_PLT_SECS];	/* fallback names */
	size_t n_plt_secs;
	char **owned;		/* strings this handle allocated */
	size_t n_owned, cap_owned;
	csh cs;
	bool cs_open;
	char *err;
	size_t errsize;
};

static void ei_err(struct elfinfo *ei, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void ei_err(struct elfinfo *ei, const char *fmt, ...)
{
	va_list ap;

	if (!ei->err || !ei->errsize)
		return;
	va_start(ap, fmt);
	vsnprintf(ei->err, ei->errsize, fmt, ap);
	va_end(ap);
}

/* Grow *arr (of *cap elements of size elem) to hold one more. */
static int ei_grow(void **arr, size_t *cap, size_t n, size_t elem)
{
	size_t ncap;
	void *p;

	if (n < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 32;
	p = realloc(*arr, ncap * elem);
	if (!p)
		return -1;
	*arr = p;
	*cap = ncap;
	return 0;
}

static const char *ei_own(struct elfinfo *ei, char *s)
{
	if (!s)
		return NULL;
	if (ei_grow((void **)&ei->owned, &ei->cap_owned, ei->n_owned,
		    sizeof(char *)) < 0) {
		free(s);
		return NULL;
	}
	ei->owned[ei->n_owned++] = s;
	return s;
}

/* len bytes at file offset off, or NULL if any of them is outside the file. */
static const uint8_t *ei_range(const struct elfinfo *ei, uint64_t off,
			       uint64_t len)
{
	if (off > ei->size || len > ei->size - off)
		return NULL;
	return ei->image + off;
}

const uint8_t *elfinfo_vaddr_bytes(const struct elfinfo *ei, uint64_t vaddr,
				   size_t len)
{
	if (!ei)
		return NULL;
	for (size_t i = 0; i < ei->n_loads; i++) {
		const struct ei_load *l = &ei->loads[i];
		uint64_t rel;

		if (vaddr < l->vaddr)
			continue;
		rel = vaddr - l->vaddr;
		if (rel >= l->filesz || len > l->filesz - rel)
			continue;
		return ei_range(ei, l->offset + rel, len);
	}
	return NULL;
}

static bool ei_get_sym(const struct ei_symtab *tab, uint64_t idx,
		       Elf64_Sym *sym)
{
	if (!tab->syms || idx >= tab->count)
		return false;
	memcpy(sym, tab->syms + idx * sizeof(Elf64_Sym), sizeof(*sym));
	return true;
}

/* The NUL-terminated name at off of tab's string table, or NULL. */
static const char *ei_sym_name(const struct ei_symtab *tab, uint64_t off)
{
	if (!tab->str || off >= tab->strsz)
		return NULL;
	if (!memchr(tab->str + off, '\0', tab->strsz - off))
		return NULL;
	return tab->str + off;
}

/* ---- headers ---- */

static int ei_read_phdrs(struct elfinfo *ei)
{
	size_t n;

	if (elf_getphdrnum(ei->elf, &n) < 0) {
		ei_err(ei, "bad program headers: %s", elf_errmsg(-1));
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		GElf_Phdr ph;

		if (!gelf_getphdr(ei->elf, (int)i, &ph)) {
			ei_err(ei, "bad program header %zu: %s", i, elf_errmsg(-1));
			return -1;
		}
		switch (ph.p_type) {
		case PT_LOAD:
			if (ei->n_loads == EI_MAX_LOADS) {
				ei_err(ei, "more than %d PT_LOAD segments", EI_MAX_LOADS);
				return -1;
			}
			if (!ei_range(ei, ph.p_offset, ph.p_filesz) ||
			    ph.p_filesz > ph.p_memsz) {
				ei_err(ei, "PT_LOAD %zu outside the file (truncated?)", i);
				return -1;
			}
			ei->loads[ei->n_loads++] = (struct ei_load){
				ph.p_vaddr, ph.p_memsz, ph.p_offset, ph.p_filesz,
				ph.p_flags,
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

/* The dynamic table entries proctrace uses (0 when absent). */
struct ei_dyn {
	uint64_t symtab, strtab, strsz, jmprel, pltrelsz, rela, relasz, hash;
	uint64_t versym;
};

static int ei_read_dynamic(struct elfinfo *ei, struct ei_dyn *d)
{
	size_t n;

	memset(d, 0, sizeof(*d));
	if (elf_getphdrnum(ei->elf, &n) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		GElf_Phdr ph;
		const uint8_t *p;

		if (!gelf_getphdr(ei->elf, (int)i, &ph) || ph.p_type != PT_DYNAMIC)
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
			case DT_SYMTAB: d->symtab = dyn.d_un.d_ptr; break;
			case DT_STRTAB: d->strtab = dyn.d_un.d_ptr; break;
			case DT_STRSZ: d->strsz = dyn.d_un.d_val; break;
			case DT_JMPREL: d->jmprel = dyn.d_un.d_ptr; break;
			case DT_PLTRELSZ: d->pltrelsz = dyn.d_un.d_val; break;
			case DT_RELA: d->rela = dyn.d_un.d_ptr; break;
			case DT_RELASZ: d->relasz = dyn.d_un.d_val; break;
			case DT_HASH: d->hash = dyn.d_un.d_ptr; break;
			case DT_VERSYM: d->versym = dyn.d_un.d_ptr; break;
			default: break;
			}
		}
		return 0;
	}
	return 0;
}

/* Bytes of a vaddr range that must lie in the file: the longest prefix up to want. */
static const uint8_t *ei_vaddr_upto(const struct elfinfo *ei, uint64_t vaddr,
				    uint64_t want, uint64_t *got)
{
	for (size_t i = 0; i < ei->n_loads; i++) {
		const struct ei_load *l = &ei->loads[i];
		uint64_t rel;

		if (vaddr < l->vaddr || vaddr - l->vaddr >= l->filesz)
			continue;
		rel = vaddr - l->vaddr;
		*got = l->filesz - rel < want ? l->filesz - rel : want;
		return ei_range(ei, l->offset + rel, *got);
	}
	*got = 0;
	return NULL;
}

/* ---- relocations ---- */

static int ei_add_reloc(struct elfinfo *ei, uint64_t got, uint32_t type,
			const char *symbol)
{
	if (!symbol)
		return -1;
	if (ei_grow((void **)&ei->relocs, &ei->cap_relocs, ei->n_relocs,
		    sizeof(*ei->relocs)) < 0)
		return -1;
	ei->relocs[ei->n_relocs++] = (struct elfinfo_reloc){ got, type, symbol };
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
		} else if (ei_get_sym(&ei->dynsym, ELF64_R_SYM(r.r_info), &sym)) {
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

static const struct elfinfo_reloc *ei_find_reloc(const struct elfinfo *ei,
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
	return lo < ei->n_relocs && ei->relocs[lo].got == got ? &ei->relocs[lo] :
								 NULL;
}

/* ---- sites ---- */

/*
 * A jmp/call through a RIP-relative memory operand: [f2 (bnd)] [3e
 * (notrack)] ff 25|15 disp32.  Returns 'j', 'c' or 0; *slot the address read.
 */
static int ei_gotref(const uint8_t *b, size_t len, uint64_t addr,
		     uint64_t *slot)
{
	size_t i = 0;
	int32_t disp;

	while (i < len && i < 2 && (b[i] == 0xf2 || b[i] == 0x3e))
		i++;
	if (len != i + 6 || b[i] != 0xff || (b[i + 1] != 0x25 && b[i + 1] != 0x15))
		return 0;
	memcpy(&disp, b + i + 2, 4);
	*slot = addr + len + (uint64_t)(int64_t)disp;
	return b[i + 1] == 0x25 ? 'j' : 'c';
}

static bool ei_is_endbr64(const uint8_t *b, size_t len)
{
	return len == 4 && b[0] == 0xf3 && b[1] == 0x0f && b[2] == 0x1e &&
	       b[3] == 0xfa;
}

static int ei_add_site(struct elfinfo *ei, const struct elfinfo_site *s)
{
	if (ei_grow((void **)&ei->sites, &ei->cap_sites, ei->n_sites,
		    sizeof(*ei->sites)) < 0)
		return -1;
	ei->sites[ei->n_sites++] = *s;
	return 0;
}

/*
 * Disassemble one executable region linearly (capstone finds the
 * instruction boundaries; gcc/ld text is code and nop padding only) and
 * keep each jmp/call that reads a GOT slot with a function relocation.
 */
static int ei_scan(struct elfinfo *ei, const struct ei_span *sp, bool plt)
{
	const uint8_t *code = ei_range(ei, sp->offset, sp->size);
	const uint8_t *prev_bytes = NULL;
	uint64_t addr = sp->addr, prev_addr = 0;
	size_t size = sp->size;
	size_t prev_len = 0;
	cs_insn *insn;
	int ret = 0;

	if (!code)
		return 0;
	insn = cs_malloc(ei->cs);
	if (!insn)
		return -1;
	while (size > 0) {
		const uint8_t *at = code;
		const struct elfinfo_reloc *r;
		struct elfinfo_site s;
		uint64_t slot;
		int kind;

		if (!cs_disasm_iter(ei->cs, &code, &size, &addr, insn)) {
			/* Not an instruction: resynchronise one byte later. */
			code++;
			size--;
			addr++;
			prev_bytes = NULL;
			continue;
		}
		kind = ei_gotref(at, insn->size, insn->address, &slot);
		if (kind && (r = ei_find_reloc(ei, slot))) {
			const uint8_t *init = elfinfo_vaddr_bytes(ei, slot, 8);

			memset(&s, 0, sizeof(s));
			s.addr = s.insn = insn->address;
			s.next = insn->address + insn->size;
			s.got = slot;
			if (init)
				memcpy(&s.got_init, init, 8);
			s.symbol = r->symbol;
			s.section = sp->name;
			s.kind = plt && kind == 'j' ? ELFINFO_STUB :
				 kind == 'j' ? ELFINFO_JMP : ELFINFO_CALL;
			/* IBT stub: callers enter at its endbr64. */
			if (s.kind == ELFINFO_STUB && prev_bytes &&
			    ei_is_endbr64(prev_bytes, prev_len) &&
			    prev_addr + prev_len == insn->address)
				s.addr = prev_addr;
			if (ei_add_site(ei, &s) < 0) {
				ret = -1;
				break;
			}
		}
		prev_bytes = at;
		prev_len = insn->size;
		prev_addr = insn->address;
	}
	cs_free(insn, 1);
	return ret;
}

static int ei_cmp_site(const void *a, const void *b)
{
	const struct elfinfo_site *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* ---- symbols for addresses ---- */

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
		if (i + 1 < ei->n_sites && ei->sites[i + 1].addr - s->addr < size)
			size = ei->sites[i + 1].addr - s->addr;
		if (asprintf(&name, "%s@plt", s->symbol) < 0)
			return -1;
		if (!ei_own(ei, name) || ei_add_func(ei, s->addr, size, name) < 0)
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

/* ---- the parse ---- */

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

static int ei_parse(struct elfinfo *ei)
{
	struct ei_span plts[EI_MAX_PLT_SECS], execs[EI_MAX_EXEC_SECS];
	struct ei_span relas[16];
	size_t n_plts = 0, n_execs = 0, n_relas = 0, shnum = 0, shstrndx = 0;
	GElf_Ehdr eh;
	struct ei_dyn dyn;
	Elf_Scn *scn = NULL;

	if (elf_kind(ei->elf) != ELF_K_ELF) {
		ei_err(ei, "not an ELF file");
		return -1;
	}
	if (!gelf_getehdr(ei->elf, &eh)) {
		ei_err(ei, "bad ELF header: %s", elf_errmsg(-1));
		return -1;
	}
	if (eh.e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh.e_ident[EI_DATA] != ELFDATA2LSB || eh.e_machine != EM_X86_64) {
		ei_err(ei, "not an x86-64 ELF file");
		return -1;
	}
	if (eh.e_type != ET_EXEC && eh.e_type != ET_DYN) {
		ei_err(ei, "not an executable or shared object (e_type %u)",
		       (unsigned)eh.e_type);
		return -1;
	}
	if (ei_read_phdrs(ei) < 0 || ei_read_dynamic(ei, &dyn) < 0)
		return -1;
	/* Sections are optional (sstrip'd files): PT_DYNAMIC covers that. */
	if (elf_getshdrnum(ei->elf, &shnum) < 0 ||
	    elf_getshdrstrndx(ei->elf, &shstrndx) < 0)
		shnum = 0;
	while (shnum && (scn = elf_nextscn(ei->elf, scn))) {
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
		}
		else if (sh.sh_type == SHT_RELA && n_relas < 16)
			relas[n_relas++] = sp;
		else if (sh.sh_type == SHT_PROGBITS &&
			 (sh.sh_flags & SHF_EXECINSTR)) {
			if ((ei_name_is(name, ".plt") ||
			     ei_name_is(name, ".plt.sec") ||
			     ei_name_is(name, ".plt.got")) &&
			    n_plts < EI_MAX_PLT_SECS)
				plts[n_plts++] = sp;
			else if (n_execs < EI_MAX_EXEC_SECS)
				execs[n_execs++] = sp;
		}
	}
	/* No section headers: the dynamic table says where things are. */
	if (!ei->dynsym.syms && dyn.symtab && dyn.strtab) {
		uint64_t have, strhave;
		const uint8_t *s = ei_vaddr_upto(ei, dyn.symtab, UINT64_MAX, &have);
		const uint8_t *str = ei_vaddr_upto(ei, dyn.strtab,
						   dyn.strsz ? dyn.strsz : UINT64_MAX,
						   &strhave);

		if (s && str) {
			const uint8_t *h = dyn.hash ?
				elfinfo_vaddr_bytes(ei, dyn.hash, 8) : NULL;
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
	if (!ei->versym && dyn.versym && ei->dynsym.count &&
	    ei->dynsym.count <= UINT64_MAX / 2) {
		ei->versym = elfinfo_vaddr_bytes(ei, dyn.versym,
						 ei->dynsym.count * 2);
		ei->n_versym = ei->versym ? ei->dynsym.count : 0;
	}
	if (n_relas) {
		for (size_t i = 0; i < n_relas; i++)
			if (ei_read_relas(ei, ei_range(ei, relas[i].offset, relas[i].size),
					  relas[i].size) < 0)
				goto oom;
	} else {
		const uint64_t tabs[2][2] = { { dyn.jmprel, dyn.pltrelsz },
					      { dyn.rela, dyn.relasz } };

		for (size_t i = 0; i < 2; i++) {
			const uint8_t *p;

			if (!tabs[i][0] || !tabs[i][1])
				continue;
			p = elfinfo_vaddr_bytes(ei, tabs[i][0], tabs[i][1]);
			if (!p) {
				ei_err(ei, "relocation table outside the file");
				return -1;
			}
			if (ei_read_relas(ei, p, tabs[i][1]) < 0)
				goto oom;
		}
	}
	if (ei->n_relocs)
		qsort(ei->relocs, ei->n_relocs, sizeof(*ei->relocs), ei_cmp_reloc);
	if (cs_open(CS_ARCH_X86, CS_MODE_64, &ei->cs) != CS_ERR_OK) {
		ei_err(ei, "capstone: cannot open an x86-64 disassembler");
		return -1;
	}
	ei->cs_open = true;
	for (size_t i = 0; i < n_plts; i++)
		ei->plt_secs[ei->n_plt_secs++] =
			(struct ei_func){ plts[i].addr, plts[i].size, plts[i].name };
	if (ei->n_relocs) {
		for (size_t i = 0; i < n_plts; i++)
			if (ei_scan(ei, &plts[i], true) < 0)
				goto oom;
		for (size_t i = 0; i < n_execs; i++)
			if (ei_scan(ei, &execs[i], false) < 0)
				goto oom;
		/* No sections at all: every executable segment. */
		for (size_t i = 0; !shnum && i < ei->n_loads; i++) {
			const struct ei_load *l = &ei->loads[i];
			struct ei_span sp = { l->offset, l->filesz, l->vaddr,
					      "PT_LOAD" };

			if ((l->flags & PF_X) && ei_scan(ei, &sp, false) < 0)
				goto oom;
		}
	}
	if (ei->n_sites)
		qsort(ei->sites, ei->n_sites, sizeof(*ei->sites), ei_cmp_site);
	if (ei_add_funcs(ei, &ei->symtab) < 0 ||
	    (!ei->dynsym_guessed && ei_add_funcs(ei, &ei->dynsym) < 0) ||
	    ei_add_stub_funcs(ei) < 0)
		goto oom;
	if (ei->n_funcs)
		qsort(ei->funcs, ei->n_funcs, sizeof(*ei->funcs), ei_cmp_func);
	return 0;
oom:
	ei_err(ei, "out of memory");
	return -1;
}

struct elfinfo *elfinfo_open_mem(const void *buf, size_t size, char *err,
				 size_t errsize)
{
	struct elfinfo *ei = calloc(1, sizeof(*ei));

	if (!ei) {
		if (err && errsize)
			snprintf(err, errsize, "out of memory");
		return NULL;
	}
	ei->err = err;
	ei->errsize = errsize;
	if (size > EI_MAX_FILE) {
		ei_err(ei, "file too large");
		goto fail;
	}
	ei->image = malloc(size ? size : 1);
	if (!ei->image) {
		ei_err(ei, "out of memory");
		goto fail;
	}
	memcpy(ei->image, buf, size);
	ei->size = size;
	elf_version(EV_CURRENT);
	ei->elf = elf_memory((char *)ei->image, size);
	if (!ei->elf) {
		ei_err(ei, "not an ELF file: %s", elf_errmsg(-1));
		goto fail;
	}
	if (ei_parse(ei) < 0)
		goto fail;
	ei->err = NULL;
	ei->errsize = 0;
	return ei;
fail:
	elfinfo_close(ei);
	return NULL;
}

struct elfinfo *elfinfo_open(const char *path, char *err, size_t errsize)
{
	struct elfinfo *ei = NULL;
	struct stat st;
	uint8_t *buf = NULL;
	size_t done = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &st) < 0) {
		if (err && errsize)
			snprintf(err, errsize, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode) || (uint64_t)st.st_size > EI_MAX_FILE) {
		if (err && errsize)
			snprintf(err, errsize, "%s: not a regular file of a sane size",
				 path);
		goto out;
	}
	buf = malloc(st.st_size ? (size_t)st.st_size : 1);
	if (!buf) {
		if (err && errsize)
			snprintf(err, errsize, "out of memory");
		goto out;
	}
	while (done < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + done, (size_t)st.st_size - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		done += (size_t)n;
	}
	ei = elfinfo_open_mem(buf, done, err, errsize);
out:
	free(buf);
	if (fd >= 0)
		close(fd);
	return ei;
}

void elfinfo_close(struct elfinfo *ei)
{
	if (!ei)
		return;
	if (ei->cs_open)
		cs_close(&ei->cs);
	if (ei->elf)
		elf_end(ei->elf);
	for (size_t i = 0; i < ei->n_owned; i++)
		free(ei->owned[i]);
	free(ei->owned);
	free(ei->relocs);
	free(ei->sites);
	free(ei->funcs);
	free(ei->image);
	free(ei);
}

bool elfinfo_is_dynamic(const struct elfinfo *ei)
{
	return ei && (ei->dynamic || ei->interp);
}

bool elfinfo_has_interp(const struct elfinfo *ei)
{
	return ei && ei->interp;
}

int elfinfo_bias(const struct elfinfo *ei, uint64_t map_start,
		 uint64_t map_offset, uint64_t *bias)
{
	if (!ei)
		return -1;
	for (size_t i = 0; i < ei->n_loads; i++)
		if ((ei->loads[i].offset & EI_PAGE_MASK) == map_offset) {
			*bias = map_start - (ei->loads[i].vaddr & EI_PAGE_MASK);
			return 0;
		}
	return -1;
}

size_t elfinfo_sites(const struct elfinfo *ei, const struct elfinfo_site **sites)
{
	*sites = ei ? ei->sites : NULL;
	return ei ? ei->n_sites : 0;
}

size_t elfinfo_relocs(const struct elfinfo *ei,
		      const struct elfinfo_reloc **relocs)
{
	*relocs = ei ? ei->relocs : NULL;
	return ei ? ei->n_relocs : 0;
}
