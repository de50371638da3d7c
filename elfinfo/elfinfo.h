/* elfinfo.h - what proctrace needs from an ELF file: PLT stubs, GOT call sites, symbols. */
#ifndef PROCTRACE_ELFINFO_H
#define PROCTRACE_ELFINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * An opaque, read-only view of one x86-64 ELF file (libelf and capstone
 * stay behind it).  Every address it reports is a link-time virtual
 * address; add the load bias (elfinfo_bias) for a running process.
 * Every offset, size and index read from the file is bounds-checked: a
 * corrupt or truncated file gives NULL and a message, never a crash.
 */
struct elfinfo;

/* How a traced site reads its GOT slot. */
enum elfinfo_site_kind {
	ELFINFO_STUB, /* a stub in .plt/.plt.sec/.plt.got: jmp *slot(%rip) */
	ELFINFO_CALL, /* -fno-plt: call *slot(%rip) outside the PLT */
	ELFINFO_JMP, /* -fno-plt tail call: jmp *slot(%rip) outside the PLT */
};

/* One place where a call goes through a GOT slot. */
struct elfinfo_site {
	uint64_t addr; /* first byte: stub start (endbr64 included) or the call/jmp */
	uint64_t insn; /* the jmp/call instruction itself */
	uint64_t next; /* the address after that instruction (a call's return address) */
	uint64_t got; /* the GOT slot the instruction reads */
	uint64_t got_init; /* the slot's value in the file (0: none) */
	const char *
		symbol; /* the slot's symbol ("*ABS*+0x..." for IRELATIVE); never NULL */
	const char *
		section; /* ".plt", ".plt.sec", ".plt.got", ".text", ... or "PT_LOAD" */
	enum elfinfo_site_kind kind;
};

/* One relocation of a GOT slot that names a function. */
struct elfinfo_reloc {
	uint64_t got;
	uint32_t type; /* R_X86_64_JUMP_SLOT, _GLOB_DAT, _IRELATIVE */
	const char *symbol; /* never NULL */
};

/*
 * Open and parse path.  Returns NULL with a one-line reason in err (which
 * may be NULL if errsize is 0) when the file cannot be read or is not a
 * well-formed x86-64 ELF file.  Free with elfinfo_close().
 */
struct elfinfo *elfinfo_open(const char *path, char *err, size_t errsize);
/* The same for an image in memory (copied: buf may be freed afterwards). */
struct elfinfo *elfinfo_open_mem(const void *buf, size_t size, char *err,
				 size_t errsize);
/* Free; NULL is accepted. */
void elfinfo_close(struct elfinfo *ei);

/* True when the file is dynamically linked (has PT_DYNAMIC or PT_INTERP). */
bool elfinfo_is_dynamic(const struct elfinfo *ei);
/* True when the file has a PT_INTERP (an executable started by ld.so). */
bool elfinfo_has_interp(const struct elfinfo *ei);

/*
 * Load bias of the file from one of its mappings: map_start/map_offset as
 * /proc/PID/maps shows them.  Returns 0 and sets *bias, or -1 if no
 * PT_LOAD segment starts at that file offset.
 */
int elfinfo_bias(const struct elfinfo *ei, uint64_t map_start,
		 uint64_t map_offset, uint64_t *bias);

/* The traced sites, sorted by addr; *sites stays valid until close. */
size_t elfinfo_sites(const struct elfinfo *ei,
		     const struct elfinfo_site **sites);
/* The GOT relocations, sorted by got. */
size_t elfinfo_relocs(const struct elfinfo *ei,
		      const struct elfinfo_reloc **relocs);

/*
 * The function containing vaddr (.symtab and .dynsym, then PLT stubs as
 * "name@plt"): its name and *off the offset into it.  NULL if none.
 */
const char *elfinfo_symbolize(const struct elfinfo *ei, uint64_t vaddr,
			      uint64_t *off);
/* Address of the defined function or object called name; 0 found, -1 not. */
int elfinfo_symbol_addr(const struct elfinfo *ei, const char *name,
			uint64_t *vaddr);
/*
 * Address of name as the dynamic linker binds it in this object (.dynsym:
 * a defined global, weak or unique symbol of the default version, not a
 * hidden "name@VER" one); *ifunc (may be NULL) says it is an IFUNC
 * resolver, not the function.  0 found, -1 not exported here.
 */
int elfinfo_export_addr(const struct elfinfo *ei, const char *name,
			uint64_t *vaddr, bool *ifunc);
/*
 * Read len bytes at vaddr from the file image (file-backed part of a
 * PT_LOAD segment).  Returns a pointer into the image or NULL.
 */
const uint8_t *elfinfo_vaddr_bytes(const struct elfinfo *ei, uint64_t vaddr,
				   size_t len);

#endif
