/* procfd.c - a process's open descriptors, cwd and a script's #! line, from /proc. */
#include "config.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "decode/decode.h"
#include "proc/procfd.h"
#include "proc/procfs.h"

#define FD_LINK_MAX 4096

int procfd_parse_flags(const char *text, size_t len, unsigned *flags)
{
	static const char key[] = "flags:";
	unsigned long v = 0;
	size_t i = 0;
	bool digits = false;

	/* "pos:\t0\nflags:\t0100002\n...": find the line that starts so. */
	while (i < len) {
		if (len - i >= sizeof(key) - 1 &&
		    memcmp(text + i, key, sizeof(key) - 1) == 0)
			break;
		while (i < len && text[i] != '\n')
			i++;
		i++;
	}
	if (i >= len)
		return -1;
	for (i += sizeof(key) - 1;
	     i < len && (text[i] == '\t' || text[i] == ' '); i++)
		;
	for (; i < len && text[i] >= '0' && text[i] <= '7'; i++) {
		v = v * 8 + (unsigned long)(text[i] - '0');
		if (v > 0xffffffffUL)
			return -1;
		digits = true;
	}
	if (!digits)
		return -1;
	*flags = (unsigned)v;
	return 0;
}

enum ev_fd_type procfd_type(const char *link)
{
	static const struct {
		const char *prefix;
		enum ev_fd_type type;
	} kinds[] = {
		{ "pipe:[", FD_PIPE },	    { "socket:[", FD_SOCKET },
		{ "anon_inode:", FD_ANON }, { "/dev/pts/", FD_TTY },
		{ "/dev/tty", FD_TTY },	    { "/dev/console", FD_TTY },
		{ "/", FD_FILE },
	};

	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strncmp(link, kinds[i].prefix, strlen(kinds[i].prefix)) ==
		    0)
			return kinds[i].type;
	return FD_OTHER;
}

long procfd_parse_shebang(const char *text, size_t len, char *buf, size_t size)
{
	size_t i = 2, end;

	if (len < 2 || text[0] != '#' || text[1] != '!' || size == 0)
		return -1;
	while (i < len && (text[i] == ' ' || text[i] == '\t'))
		i++;
	for (end = i; end < len && text[end] != '\n' && text[end] != '\0';
	     end++)
		;
	while (end > i && (text[end - 1] == ' ' || text[end - 1] == '\t' ||
			   text[end - 1] == '\r'))
		end--;
	if (end - i >= size)
		end = i + size - 1;
	memcpy(buf, text + i, end - i);
	buf[end - i] = '\0';
	return (long)(end - i);
}

/* readlink /proc/PID/NAME into buf, NUL-terminated; its length or -1. */
static long procfd_readlink(pid_t pid, const char *name, char *buf, size_t size)
{
	char path[96];
	long n;

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, name);
	n = readlink(path, buf, size - 1);
	if (n >= 0)
		buf[n] = '\0';
	return n;
}

/* fd's link and flags; false when it closed meanwhile. */
static bool procfd_read_one(pid_t pid, int fd, struct procfd *out, char *link,
			    size_t size)
{
	char path[64], info[512];
	long n;

	snprintf(path, sizeof(path), "fd/%d", fd);
	if (procfd_readlink(pid, path, link, size) < 0)
		return false;
	snprintf(path, sizeof(path), "fdinfo/%d", fd);
	out->fd = fd;
	out->type = procfd_type(link);
	out->flags = 0;
	n = procfs_read(pid, path, info, sizeof(info));
	if (n > 0)
		procfd_parse_flags(info, (size_t)n, &out->flags);
	return true;
}

static int procfd_cmp(const void *a, const void *b)
{
	const struct procfd *x = a, *y = b;

	return (x->fd > y->fd) - (x->fd < y->fd);
}

/* fds[0..n) with their paths copied behind the array: one block. */
static struct procfd *procfd_pack(const struct procfd *fds, size_t n)
{
	size_t bytes = n * sizeof(*fds);
	struct procfd *block;
	char *p;

	for (size_t i = 0; i < n; i++)
		bytes += strlen(fds[i].path) + 1;
	block = malloc(bytes ? bytes : 1);
	if (!block)
		return NULL;
	memcpy(block, fds, n * sizeof(*fds));
	p = (char *)(block + n);
	for (size_t i = 0; i < n; i++) {
		block[i].path = strcpy(p, fds[i].path);
		p += strlen(p) + 1;
	}
	return block;
}

struct procfd *procfd_list(pid_t pid, size_t *n)
{
	struct procfd *fds = NULL, *block = NULL;
	char path[64], link[FD_LINK_MAX];
	size_t cap = 0, count = 0;
	struct dirent *d;
	DIR *dir;

	*n = 0;
	snprintf(path, sizeof(path), "/proc/%d/fd", (int)pid);
	dir = opendir(path);
	if (!dir)
		return NULL;
	while ((d = readdir(dir))) {
		long fd;

		if (decode_parse_int(d->d_name, 0, INT32_MAX, &fd) < 0)
			continue;
		if (count == cap) {
			size_t c = cap ? cap * 2 : 16;
			void *f = realloc(fds, c * sizeof(*fds));

			if (!f)
				goto out;
			fds = f;
			cap = c;
		}
		if (!procfd_read_one(pid, (int)fd, &fds[count], link,
				     sizeof(link)))
			continue;
		if (!(fds[count].path = strdup(link)))
			goto out;
		count++;
	}
	qsort(fds, count, sizeof(*fds), procfd_cmp);
	block = procfd_pack(fds, count);
	if (block)
		*n = count;
out:
	for (size_t i = 0; i < count; i++)
		free(fds[i].path);
	free(fds);
	closedir(dir);
	return block;
}

struct procfd *procfd_pick(const struct procfd *fds, size_t n, bool cloexec,
			   size_t *kept)
{
	struct procfd *sub = malloc((n ? n : 1) * sizeof(*sub)), *block;
	size_t k = 0;

	*kept = 0;
	if (!sub)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (!(fds[i].flags & O_CLOEXEC) == !cloexec)
			sub[k++] = fds[i];
	block = procfd_pack(sub, k);
	free(sub);
	if (block)
		*kept = k;
	return block;
}

bool procfd_same_numbers(pid_t pid, const struct procfd *fds, size_t n)
{
	char path[64];
	struct dirent *d;
	size_t seen = 0;
	bool same = true;
	DIR *dir;

	snprintf(path, sizeof(path), "/proc/%d/fd", (int)pid);
	if (!(dir = opendir(path)))
		return false;
	/* fds is sorted and has no duplicates: a count and membership suffice */
	while (same && (d = readdir(dir))) {
		long fd;
		size_t lo = 0, hi = n;

		if (decode_parse_int(d->d_name, 0, INT32_MAX, &fd) < 0)
			continue;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (fds[mid].fd < fd)
				lo = mid + 1;
			else
				hi = mid;
		}
		same = lo < n && fds[lo].fd == fd;
		seen++;
	}
	closedir(dir);
	return same && seen == n;
}

int procfd_cwd(pid_t pid, char *buf, size_t size)
{
	return procfd_readlink(pid, "cwd", buf, size) < 0 ? -1 : 0;
}

long procfd_shebang(pid_t pid, const char *path, char *buf, size_t size)
{
	char full[FD_LINK_MAX + 64], head[512];
	long n;
	int fd;

	if (path[0] == '/')
		snprintf(full, sizeof(full), "%s", path);
	else
		snprintf(full, sizeof(full), "/proc/%d/cwd/%s", (int)pid, path);
	fd = open(full, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return -1;
	n = read(fd, head, sizeof(head));
	close(fd);
	return n < 0 ? -1 : procfd_parse_shebang(head, (size_t)n, buf, size);
}
