/* elfinfo_sites.c - PLT stubs and GOT call sites, found with capstone. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "elfinfo/elfinfo_impl.h"

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
	if (len != i + 6 || b[i] != 0xff ||
	    (b[i + 1] != 0x25 && b[i + 1] != 0x15))
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
				 kind == 'j'	    ? ELFINFO_JMP :
						      ELFINFO_CALL;
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

int ei_find_sites(struct elfinfo *ei, const struct ei_sections *secs)
{
	if (cs_open(CS_ARCH_X86, CS_MODE_64, &ei->cs) != CS_ERR_OK) {
		ei_err(ei, "capstone: cannot open an x86-64 disassembler");
		return -1;
	}
	ei->cs_open = true;
	for (size_t i = 0; i < secs->n_plts; i++)
		ei->plt_secs[ei->n_plt_secs++] =
			(struct ei_func){ secs->plts[i].addr,
					  secs->plts[i].size,
					  secs->plts[i].name };
	if (!ei->n_relocs)
		return 0;
	for (size_t i = 0; i < secs->n_plts; i++)
		if (ei_scan(ei, &secs->plts[i], true) < 0)
			return ei_oom(ei);
	for (size_t i = 0; i < secs->n_execs; i++)
		if (ei_scan(ei, &secs->execs[i], false) < 0)
			return ei_oom(ei);
	/* No sections at all: every executable segment. */
	for (size_t i = 0; !secs->shnum && i < ei->n_loads; i++) {
		const struct ei_load *l = &ei->loads[i];
		struct ei_span sp = { l->offset, l->filesz, l->vaddr,
				      "PT_LOAD" };

		if ((l->flags & PF_X) && ei_scan(ei, &sp, false) < 0)
			return ei_oom(ei);
	}
	if (ei->n_sites)
		qsort(ei->sites, ei->n_sites, sizeof(*ei->sites), ei_cmp_site);
	return 0;
}
