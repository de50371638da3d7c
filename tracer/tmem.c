/* tmem.c - tracee memory reads with process_vm_readv, page by page. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>

#include "tracer/tmem.h"

#define PAGE 4096u

int tmem_read(pid_t tid, uint64_t addr, void *buf, size_t len)
{
	struct iovec local = { buf, len };
	struct iovec remote = { (void *)(uintptr_t)addr, len };
	ssize_t n;

	if (len == 0)
		return 0;
	n = process_vm_readv(tid, &local, 1, &remote, 1, 0);
	if (n < 0)
		return -1;
	if ((size_t)n != len) {
		errno = EFAULT;
		return -1;
	}
	return 0;
}

/*
 * Strings are read a page at a time and never across a page boundary in
 * one call: process_vm_readv stops at the first unmapped page, and a string
 * may end just before one.
 */
char *tmem_strdup(pid_t tid, uint64_t addr, size_t max, bool *truncated)
{
	size_t cap = 256, len = 0;
	char *s = malloc(cap);

	if (truncated)
		*truncated = false;
	if (!s)
		return NULL;
	for (;;) {
		size_t chunk = PAGE - (size_t)((addr + len) % PAGE);
		char *nul;

		if (chunk > max - len)
			chunk = max - len;
		if (len + chunk + 1 > cap) {
			char *grown;

			while (len + chunk + 1 > cap)
				cap *= 2;
			grown = realloc(s, cap);
			if (!grown)
				goto fail;
			s = grown;
		}
		if (chunk == 0) {
			if (truncated)
				*truncated = true;
			break;
		}
		if (tmem_read(tid, addr + len, s + len, chunk) < 0)
			goto fail;
		nul = memchr(s + len, '\0', chunk);
		if (nul) {
			len = (size_t)(nul - s);
			break;
		}
		len += chunk;
	}
	s[len] = '\0';
	return s;
fail:
	free(s);
	return NULL;
}

char **tmem_strv(pid_t tid, uint64_t addr, size_t max_count, size_t *count,
		 bool *truncated)
{
	uint64_t ptrs[256];
	char **strs = NULL, **v = NULL;
	size_t n = 0, i, total = 0, cap = 0;
	bool done = false;
	char *p;

	if (truncated)
		*truncated = false;
	while (addr && !done) {
		/* Read up to the end of the page holding the next pointer. */
		size_t room = (PAGE - (size_t)((addr + n * 8) % PAGE)) / 8;

		if (room > 256)
			room = 256;
		if (tmem_read(tid, addr + n * 8, ptrs, room * 8) < 0)
			goto fail;
		for (i = 0; i < room; i++) {
			if (ptrs[i] == 0) {
				done = true;
				break;
			}
			if (n == max_count) {
				if (truncated)
					*truncated = true;
				done = true;
				break;
			}
			if (n == cap) {
				char **grown = realloc(
					strs, (cap = cap ? cap * 2 : 16) *
						      sizeof(*strs));

				if (!grown)
					goto fail;
				strs = grown;
			}
			strs[n] = tmem_strdup(tid, ptrs[i], 1u << 17, NULL);
			if (!strs[n])
				goto fail;
			total += strlen(strs[n]) + 1;
			n++;
		}
	}
	v = malloc((n + 1) * sizeof(char *) + total + 1);
	if (!v)
		goto fail;
	p = (char *)(v + n + 1);
	for (i = 0; i < n; i++) {
		size_t l = strlen(strs[i]) + 1;

		memcpy(p, strs[i], l);
		v[i] = p;
		p += l;
		free(strs[i]);
	}
	v[n] = NULL;
	free(strs);
	if (count)
		*count = n;
	return v;
fail:
	for (i = 0; i < n; i++)
		free(strs[i]);
	free(strs);
	return NULL;
}
