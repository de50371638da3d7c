/* procfs.c - read and parse the /proc files the tracer needs. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "proc/procfs.h"

/*
 * The parsers below are by hand: no library parses /proc/PID/status, and
 * procps' readproc does far more I/O than a tracer can afford per stop.
 */

static const char *line_end(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));

	return nl ? nl : end;
}

/* Parse a decimal (or hex with base 16) number; advances *pp. */
static int parse_num(const char **pp, const char *end, int base,
		     unsigned long long *out)
{
	const char *p = *pp;
	unsigned long long v = 0;
	int digits = 0;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	for (; p < end; p++) {
		int d;

		if (*p >= '0' && *p <= '9')
			d = *p - '0';
		else if (base == 16 && *p >= 'a' && *p <= 'f')
			d = *p - 'a' + 10;
		else if (base == 16 && *p >= 'A' && *p <= 'F')
			d = *p - 'A' + 10;
		else
			break;
		if (v > (~0ull - (unsigned)d) / (unsigned)base)
			return -1;
		v = v * (unsigned)base + (unsigned)d;
		digits++;
	}
	if (!digits)
		return -1;
	*pp = p;
	*out = v;
	return 0;
}

/* FNV-1a: tells a change in a group list longer than what is kept. */
static uint64_t hash_bytes(const char *p, size_t len)
{
	uint64_t h = 1469598103934665603ull;

	while (len--)
		h = (h ^ (unsigned char)*p++) * 1099511628211ull;
	return h;
}

static int parse_list(const char *p, const char *end, unsigned long long *vals,
		      size_t max, size_t *n)
{
	unsigned long long v;

	*n = 0;
	while (parse_num(&p, end, 10, &v) == 0) {
		if (*n < max)
			vals[*n] = v;
		(*n)++;
	}
	return 0;
}

int procfs_parse_status(const char *text, size_t len, struct proc_status *st)
{
	const char *p = text, *end = text + len;

	memset(st, 0, sizeof(*st));
	while (p < end) {
		const char *le = line_end(p, end);
		const char *colon = memchr(p, ':', (size_t)(le - p));
		unsigned long long v, vals[64];
		size_t klen, n, i;
		const char *val;

		if (!colon)
			goto next;
		klen = (size_t)(colon - p);
		val = colon + 1;
#define KEY(s) (klen == sizeof(s) - 1 && memcmp(p, s, klen) == 0)
		if (KEY("State")) {
			while (val < le && (*val == ' ' || *val == '\t'))
				val++;
			if (val < le) {
				st->state = *val;
				st->have |= PS_HAVE_STATE;
			}
		} else if (KEY("Tgid") && parse_num(&val, le, 10, &v) == 0) {
			st->tgid = (pid_t)v;
			st->have |= PS_HAVE_TGID;
		} else if (KEY("Pid") && parse_num(&val, le, 10, &v) == 0) {
			st->pid = (pid_t)v;
		} else if (KEY("PPid") && parse_num(&val, le, 10, &v) == 0) {
			st->ppid = (pid_t)v;
			st->have |= PS_HAVE_PPID;
		} else if (KEY("TracerPid") &&
			   parse_num(&val, le, 10, &v) == 0) {
			st->tracer_pid = (pid_t)v;
		} else if (KEY("Uid") || KEY("Gid")) {
			bool uid = p[0] == 'U';

			parse_list(val, le, vals, 4, &n);
			if (n >= 4) {
				for (i = 0; i < 4; i++) {
					if (uid)
						st->uid[i] = (uid_t)vals[i];
					else
						st->gid[i] = (gid_t)vals[i];
				}
				if (uid)
					st->have |= PS_HAVE_UID;
			}
		} else if (KEY("Groups")) {
			parse_list(val, le, vals, 64, &n);
			st->n_groups = n;
			for (i = 0; i < n && i < 64; i++)
				st->groups[i] = (gid_t)vals[i];
			st->groups_hash = hash_bytes(val, (size_t)(le - val));
		} else if (KEY("NSpid")) {
			parse_list(val, le, vals, EV_NSPID_MAX, &n);
			st->n_nspid = n < EV_NSPID_MAX ? n : EV_NSPID_MAX;
			for (i = 0; i < st->n_nspid; i++)
				st->nspid[i] = (pid_t)vals[i];
			st->have |= PS_HAVE_NSPID;
		} else if (KEY("SigBlk") && parse_num(&val, le, 16, &v) == 0) {
			st->sig_blk = v;
		} else if (KEY("SigIgn") && parse_num(&val, le, 16, &v) == 0) {
			st->sig_ign = v;
		} else if (KEY("SigCgt") && parse_num(&val, le, 16, &v) == 0) {
			st->sig_cgt = v;
			st->have |= PS_HAVE_SIG;
		} else if (KEY("SigPnd") && parse_num(&val, le, 16, &v) == 0) {
			st->sig_pnd = v;
		} else if (KEY("ShdPnd") && parse_num(&val, le, 16, &v) == 0) {
			st->shd_pnd = v;
		} else if (KEY("CapInh") && parse_num(&val, le, 16, &v) == 0) {
			st->cap_inh = v;
		} else if (KEY("CapPrm") && parse_num(&val, le, 16, &v) == 0) {
			st->cap_prm = v;
		} else if (KEY("CapEff") && parse_num(&val, le, 16, &v) == 0) {
			st->cap_eff = v;
			st->have |= PS_HAVE_CAPS;
		} else if (KEY("CapBnd") && parse_num(&val, le, 16, &v) == 0) {
			st->cap_bnd = v;
		} else if (KEY("CapAmb") && parse_num(&val, le, 16, &v) == 0) {
			st->cap_amb = v;
		} else if (KEY("NoNewPrivs") &&
			   parse_num(&val, le, 10, &v) == 0) {
			st->no_new_privs = (int)v;
		} else if (KEY("Seccomp") && parse_num(&val, le, 10, &v) == 0) {
			st->seccomp = (int)v;
		} else if (KEY("VmSize") && parse_num(&val, le, 10, &v) == 0) {
			st->vm_size_kb = (unsigned long)v;
		} else if (KEY("VmRSS") && parse_num(&val, le, 10, &v) == 0) {
			st->vm_rss_kb = (unsigned long)v;
		}
#undef KEY
next:
		p = le < end ? le + 1 : end;
	}
	return (st->have & PS_HAVE_STATE) ? 0 : -1;
}

int procfs_parse_stat(const char *text, size_t len, struct proc_stat *st)
{
	const char *end = text + len, *p;
	unsigned long long v;
	bool neg;
	int field;

	memset(st, 0, sizeof(*st));
	/* comm may hold ')' and spaces: the state follows the LAST ')'. */
	for (p = end; p > text && p[-1] != ')'; p--)
		;
	if (p == text)
		return -1;
	/* p is just past ')': " S ppid pgrp session tty tpgid flags ..." */
	while (p < end && *p == ' ')
		p++;
	if (p >= end)
		return -1;
	st->state = *p++;
	/* fields counted as in proc(5): state is 3, ppid 4, flags 9, starttime 22 */
	for (field = 4; field <= 22; field++) {
		while (p < end && *p == ' ')
			p++;
		neg = p < end && *p == '-'; /* tty_nr/tpgid may be -1 */
		if (neg)
			p++;
		if (parse_num(&p, end, 10, &v) < 0)
			return -1;
		if (field == 4)
			st->ppid = (pid_t)v;
		else if (field == 5)
			st->pgrp = (pid_t)v;
		else if (field == 6)
			st->session = (pid_t)v;
		else if (field == 7)
			st->tty_nr = neg ? 0 : (unsigned long)v;
		else if (field == 8)
			st->tpgid = neg ? -(pid_t)v : (pid_t)v;
		else if (field == 9)
			st->flags = (unsigned long)v;
		else if (field == 22)
			st->starttime = v;
	}
	return 0;
}

long procfs_read(pid_t tid, const char *name, char *buf, size_t size)
{
	char path[64];
	size_t got = 0;
	int fd, saved;

	if (size == 0)
		return -1;
	snprintf(path, sizeof(path), "/proc/%d/%s", (int)tid, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	while (got < size - 1) {
		ssize_t r = read(fd, buf + got, size - 1 - got);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			saved = errno;
			close(fd);
			errno = saved;
			return -1;
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	buf[got] = '\0';
	return (long)got;
}

int procfs_status(pid_t tid, struct proc_status *st)
{
	char buf[8192], *big;
	size_t size = sizeof(buf);
	long n = procfs_read(tid, "status", buf, sizeof(buf));
	int rc;

	if (n < 0)
		return -1;
	if ((size_t)n < size - 1)
		return procfs_parse_status(buf, (size_t)n, st);
	/* A long Groups: line (up to 65536 groups) pushes the rest past 8 KiB. */
	for (big = NULL; size < (1u << 20);) {
		char *grown = realloc(big, size *= 4);

		if (!grown)
			break;
		big = grown;
		n = procfs_read(tid, "status", big, size);
		if (n < 0 || (size_t)n < size - 1)
			break;
	}
	if (!big || n < 0) {
		free(big);
		return n < 0 ? -1 :
			       procfs_parse_status(buf, sizeof(buf) - 1, st);
	}
	rc = procfs_parse_status(big, (size_t)n, st);
	free(big);
	return rc;
}

int procfs_stat(pid_t tid, struct proc_stat *st)
{
	char buf[1024];
	long n = procfs_read(tid, "stat", buf, sizeof(buf));

	if (n < 0)
		return -1;
	return procfs_parse_stat(buf, (size_t)n, st);
}

int procfs_comm(pid_t tid, char *buf, size_t size)
{
	long n = procfs_read(tid, "comm", buf, size);

	if (n < 0)
		return -1;
	if (n > 0 && buf[n - 1] == '\n')
		buf[n - 1] = '\0';
	return 0;
}

int procfs_exe(pid_t tid, char *buf, size_t size)
{
	char path[64];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/exe", (int)tid);
	n = readlink(path, buf, size - 1);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return 0;
}

char **procfs_strv(pid_t tid, const char *name, size_t *count)
{
	size_t cap = 4096, n = 0, i, nstr = 0;
	char path[64];
	char *data = NULL, **v, *s;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)tid, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	for (;;) {
		ssize_t r;

		if (n == cap || !data) {
			char *grown = realloc(data, cap *= 2);

			if (!grown)
				goto fail;
			data = grown;
		}
		r = read(fd, data + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			goto fail;
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	fd = -1;
	for (i = 0; i < n; i++)
		if (data[i] == '\0')
			nstr++;
	if (n && data[n - 1] != '\0')
		nstr++;
	/* One block: the pointer array, then a copy of the bytes. */
	v = malloc((nstr + 1) * sizeof(char *) + n + 1);
	if (!v)
		goto fail;
	s = (char *)(v + nstr + 1);
	memcpy(s, data, n);
	s[n] = '\0';
	free(data);
	for (i = 0, nstr = 0; i < n; i++) {
		if (i == 0 || s[i - 1] == '\0')
			v[nstr++] = &s[i];
	}
	v[nstr] = NULL;
	if (count)
		*count = nstr;
	return v;
fail:
	if (fd >= 0)
		close(fd);
	free(data);
	return NULL;
}

bool procfs_same_process(pid_t pid, unsigned long long starttime)
{
	struct proc_stat st;

	if (procfs_stat(pid, &st) < 0)
		return false;
	return st.starttime == starttime;
}

/*
 * Do /proc/PID/NAME and proctrace's own NAME name the same object?  Ours is
 * read once (slot: one per NAME asked): proctrace never changes its root
 * or namespaces.
 */
static bool same_as_ours(pid_t pid, const char *name, int slot)
{
	static struct stat ours[3];
	static bool known[3];
	char path[64];
	struct stat a;

	if (!known[slot]) {
		snprintf(path, sizeof(path), "/proc/self/%s", name);
		if (stat(path, &ours[slot]) < 0)
			return false;
		known[slot] = true;
	}
	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, name);
	return stat(path, &a) == 0 && a.st_ino == ours[slot].st_ino &&
	       a.st_dev == ours[slot].st_dev;
}

bool procfs_userns_is_ours(pid_t pid)
{
	return same_as_ours(pid, "ns/user", 0);
}

bool procfs_fs_view_is_ours(pid_t pid)
{
	return same_as_ours(pid, "root", 1) && same_as_ours(pid, "ns/mnt", 2);
}
