/* elfinfo.c - the handle: open a file or image, parse in order, accessors. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elfinfo/elfinfo_impl.h"

void ei_err(struct elfinfo *ei, const char *fmt, ...)
{
	va_list ap;

	if (!ei->err || !ei->errsize)
		return;
	va_start(ap, fmt);
	vsnprintf(ei->err, ei->errsize, fmt, ap);
	va_end(ap);
}

int ei_oom(struct elfinfo *ei)
{
	ei_err(ei, "out of memory");
	return -1;
}

/* Grow *arr (of *cap elements of size elem) to hold one more. */
int ei_grow(void **arr, size_t *cap, size_t n, size_t elem)
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

const char *ei_own(struct elfinfo *ei, char *s)
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
const uint8_t *ei_range(const struct elfinfo *ei, uint64_t off, uint64_t len)
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

/* Bytes of a vaddr range that must lie in the file: the longest prefix up to want. */
const uint8_t *ei_vaddr_upto(const struct elfinfo *ei, uint64_t vaddr,
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

/* The ELF header: an x86-64 executable or shared object, or an error. */
static int ei_check_header(struct elfinfo *ei)
{
	GElf_Ehdr eh;

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
	return 0;
}

/*
 * Headers, then sections (or the dynamic table of a file without them),
 * then relocations: the sites are the jmp/call instructions that read a
 * relocated slot, and the stubs among them name addresses too.
 */
static int ei_parse(struct elfinfo *ei)
{
	struct ei_sections secs = { 0 };
	struct ei_dyn dyn;

	if (ei_check_header(ei) < 0 || ei_read_phdrs(ei) < 0 ||
	    ei_read_dynamic(ei, &dyn) < 0 || ei_read_sections(ei, &secs) < 0)
		return -1;
	ei_tables_from_dynamic(ei, &dyn);
	if (ei_read_relocs(ei, &secs, &dyn) < 0 ||
	    ei_find_sites(ei, &secs) < 0 || ei_build_funcs(ei) < 0)
		return -1;
	return 0;
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
			snprintf(err, errsize,
				 "%s: not a regular file of a sane size", path);
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

size_t elfinfo_sites(const struct elfinfo *ei,
		     const struct elfinfo_site **sites)
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
