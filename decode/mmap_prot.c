/* decode/mmap_prot.c - /proc maps permission strings as PROT_* bits. */
#include "config.h"

#include <sys/mman.h>

#include "decode/decode.h"

/* "rwxp" -> PROT_READ|PROT_WRITE|PROT_EXEC; -1 if not a maps permission. */
int decode_perm_prot(const char *perm)
{
	static const struct {
		char c;
		int prot;
	} pos[3] = { { 'r', PROT_READ },
		     { 'w', PROT_WRITE },
		     { 'x', PROT_EXEC } };
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
