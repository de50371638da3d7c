/* decode/mmap_prot.c - mmap/mprotect PROT_* words and /proc maps permission strings. */
#include "config.h"

#include <sys/mman.h>

#include "decode/decode.h"

/* glibc's <sys/mman.h> lacks the rare ones: the kernel's values. */
#ifndef PROT_SEM
#define PROT_SEM 0x8
#endif
#ifndef PROT_GROWSDOWN
#define PROT_GROWSDOWN 0x01000000
#endif
#ifndef PROT_GROWSUP
#define PROT_GROWSUP 0x02000000
#endif

static const struct xlat prot_tab[] = {
	XLAT(PROT_READ), XLAT(PROT_WRITE), XLAT(PROT_EXEC),
	XLAT(PROT_SEM), XLAT(PROT_GROWSDOWN), XLAT(PROT_GROWSUP),
};

size_t decode_mmap_prot(char *buf, size_t size, uint64_t prot)
{
	struct decode_buf b;

	decode_buf_init(&b, buf, size);
	if (!prot) {
		decode_buf_puts(&b, "PROT_NONE");
		return b.len;
	}
	return xlat_flags_buf(&b, prot_tab, XLAT_COUNT(prot_tab), prot);
}

/* "rwxp" -> PROT_READ|PROT_WRITE|PROT_EXEC; -1 if not a maps permission. */
int decode_perm_prot(const char *perm)
{
	static const struct {
		char c;
		int prot;
	} pos[3] = { { 'r', PROT_READ }, { 'w', PROT_WRITE }, { 'x', PROT_EXEC } };
	int prot = 0;

	for (int i = 0; i < 3; i++) {
		if (perm[i] == pos[i].c)
			prot |= pos[i].prot;
		else if (perm[i] != '-')
			return -1;
	}
	if (perm[3] != 'p' && perm[3] != 's')
		return -1;
	return prot;
}

bool decode_perm_wx(const char *perm)
{
	int prot = decode_perm_prot(perm);

	return prot > 0 && (prot & PROT_WRITE) && (prot & PROT_EXEC);
}

bool decode_perm_exec(const char *perm)
{
	int prot = decode_perm_prot(perm);

	return prot > 0 && (prot & PROT_EXEC);
}
