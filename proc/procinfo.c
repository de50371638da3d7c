/* procinfo.c - read /proc for the details pane and the zombie diagnosis. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "decode/decode.h"
#include "proc/procinfo.h"
#include "proc/procfs.h"

static void procinfo_ns(pid_t pid, struct procinfo *pi)
{
	char path[64];
	struct stat st;

	for (int t = 0; t < NS_TYPE_COUNT; t++) {
		snprintf(path, sizeof(path), "/proc/%d/ns/%s", (int)pid,
			 decode_ns_name(t));
		pi->ns[t] = stat(path, &st) == 0 ? (uint64_t)st.st_ino : 0;
	}
}

/* The mappings: the lines of /proc/PID/maps, counted without keeping them. */
static unsigned long procinfo_count_maps(pid_t pid)
{
	char path[64];
	unsigned long n = 0;
	FILE *f;
	int c;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	if (!(f = fopen(path, "re")))
		return 0;
	while ((c = getc(f)) != EOF)
		n += c == '\n';
	fclose(f);
	return n;
}

/* Each file read once: status and stat are parsed by proc/procfs.c. */
void procinfo_read(pid_t pid, struct procinfo *pi)
{
	struct proc_status st;
	struct proc_stat ps;
	char buf[256];
	long n;

	memset(pi, 0, sizeof(*pi));
	pi->syscall_nr = -2;
	if (procfs_status(pid, &st) < 0)
		return;
	pi->ok = true;
	pi->state = st.state;
	pi->ppid = st.ppid;
	pi->tracer_pid = st.tracer_pid;
	for (int i = 0; i < 4; i++) {
		pi->uid[i] = (unsigned)st.uid[i];
		pi->gid[i] = (unsigned)st.gid[i];
	}
	pi->sig_blk = st.sig_blk;
	pi->sig_ign = st.sig_ign;
	pi->sig_cgt = st.sig_cgt;
	pi->sig_pnd = st.sig_pnd;
	pi->shd_pnd = st.shd_pnd;
	pi->n_nspid = st.n_nspid;
	memcpy(pi->nspid, st.nspid, sizeof(pi->nspid));
	pi->vm_size_kb = st.vm_size_kb;
	pi->vm_rss_kb = st.vm_rss_kb;
	if (procfs_stat(pid, &ps) == 0) {
		pi->pgid = ps.pgrp;
		pi->sid = ps.session;
	}
	snprintf(buf, sizeof(buf), "/proc/%d/cwd", (int)pid);
	n = readlink(buf, pi->cwd, sizeof(pi->cwd) - 1);
	pi->cwd[n > 0 ? n : 0] = '\0';
	if (procfs_read(pid, "wchan", pi->wchan, sizeof(pi->wchan)) < 0)
		pi->wchan[0] = '\0';
	/* "running", or the syscall number it is blocked in */
	if (procfs_read(pid, "syscall", buf, sizeof(buf)) >= 0) {
		if (strncmp(buf, "running", 7) == 0)
			pi->syscall_nr = -1;
		else
			pi->syscall_nr = strtol(buf, NULL, 10);
	}
	procinfo_ns(pid, pi);
	pi->n_maps = procinfo_count_maps(pid);
}

size_t procinfo_sigset(char *buf, size_t size, uint64_t mask)
{
	struct decode_buf b;
	char name[32];
	bool any = false;

	decode_buf_init(&b, buf, size);
	for (int sig = 1; sig <= 64; sig++) {
		if (!(mask & (1ull << (sig - 1))))
			continue;
		decode_signal(name, sizeof(name), sig);
		decode_buf_printf(&b, "%s%s", any ? "," : "", name);
		any = true;
	}
	if (!any)
		decode_buf_puts(&b, "-");
	return b.len;
}

const char *procinfo_disposition(const struct procinfo *pi, int sig)
{
	const char *name = decode_disposition_name(
		decode_sig_disposition(sig, pi->sig_ign, pi->sig_cgt));

	return name ? name : "?";
}
