/* creds.c - read a task's credentials from /proc and explain set-uid execs that did nothing. */
#include "config.h"

#include <linux/capability.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "probes/creds.h"

int creds_read(pid_t tid, struct creds_snap *s)
{
	struct proc_status st;

	if (procfs_status(tid, &st) < 0 || !(st.have & PS_HAVE_UID))
		return -1;
	memset(s, 0, sizeof(*s));
	memcpy(s->uid, st.uid, sizeof(s->uid));
	memcpy(s->gid, st.gid, sizeof(s->gid));
	s->n_groups = st.n_groups < sizeof(s->groups) / sizeof(s->groups[0]) ?
			      st.n_groups :
			      sizeof(s->groups) / sizeof(s->groups[0]);
	memcpy(s->groups, st.groups, s->n_groups * sizeof(gid_t));
	s->cap_eff = st.cap_eff;
	s->cap_prm = st.cap_prm;
	s->cap_inh = st.cap_inh;
	s->cap_bnd = st.cap_bnd;
	s->cap_amb = st.cap_amb;
	s->no_new_privs = st.no_new_privs > 0;
	s->seccomp = st.seccomp;
	return 0;
}

bool creds_equal(const struct creds_snap *a, const struct creds_snap *b)
{
	return memcmp(a->uid, b->uid, sizeof(a->uid)) == 0 &&
	       memcmp(a->gid, b->gid, sizeof(a->gid)) == 0 &&
	       a->n_groups == b->n_groups &&
	       memcmp(a->groups, b->groups, a->n_groups * sizeof(gid_t)) == 0 &&
	       a->cap_eff == b->cap_eff && a->cap_prm == b->cap_prm &&
	       a->cap_inh == b->cap_inh && a->cap_bnd == b->cap_bnd &&
	       a->cap_amb == b->cap_amb && a->no_new_privs == b->no_new_privs &&
	       a->seccomp == b->seccomp;
}

void creds_to_event(const struct creds_snap *s, struct ev_cred_set *e)
{
	memcpy(e->uid, s->uid, sizeof(e->uid));
	memcpy(e->gid, s->gid, sizeof(e->gid));
	e->groups = s->groups;
	e->n_groups = s->n_groups;
	e->cap_eff = s->cap_eff;
	e->cap_prm = s->cap_prm;
	e->cap_inh = s->cap_inh;
	e->cap_bnd = s->cap_bnd;
	e->cap_amb = s->cap_amb;
	e->no_new_privs = s->no_new_privs;
	e->seccomp = s->seccomp;
}

#define CREDS_NOSUID_MAX 64
#define CREDS_MNT_LEN 256

/* What creds_exec_note_possible needs to know about the tracer, read once. */
static struct {
	bool loaded;
	bool cap_sys_ptrace;
	size_t n;
	char mnt[CREDS_NOSUID_MAX][CREDS_MNT_LEN]; /* nosuid mount points */
} creds_env;

/* /proc/mounts escapes space, tab, newline and backslash as \ooo. */
static void creds_unescape(char *s)
{
	char *w = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] >= '0' &&
		    s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			*w++ = (char)((s[1] - '0') << 6 | (s[2] - '0') << 3 |
				      (s[3] - '0'));
			s += 3;
		} else {
			*w++ = *s;
		}
	}
	*w = '\0';
}

static void creds_env_load(void)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3,
						0 };
	struct __user_cap_data_struct data[2];
	char line[4096], mnt[4096], opts[1024];
	FILE *f;

	creds_env.loaded = true;
	creds_env.cap_sys_ptrace = syscall(SYS_capget, &hdr, data) == 0 &&
				   (data[CAP_SYS_PTRACE / 32].effective &
				    (1u << (CAP_SYS_PTRACE % 32)));
	f = fopen("/proc/self/mounts", "re");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f) && creds_env.n < CREDS_NOSUID_MAX) {
		char *o;

		if (sscanf(line, "%*s %4095s %*s %1023s", mnt, opts) != 2)
			continue;
		for (o = strtok(opts, ","); o && strcmp(o, "nosuid");
		     o = strtok(NULL, ","))
			;
		if (!o)
			continue;
		creds_unescape(mnt);
		if (strlen(mnt) < CREDS_MNT_LEN)
			strcpy(creds_env.mnt[creds_env.n++], mnt);
	}
	fclose(f);
}

bool creds_exec_note_possible(const char *exe, const struct creds_snap *after)
{
	if (!creds_env.loaded)
		creds_env_load();
	if (after->no_new_privs || !creds_env.cap_sys_ptrace || !exe)
		return true;
	for (size_t i = 0; i < creds_env.n; i++) {
		size_t l = strlen(creds_env.mnt[i]);

		if (strncmp(exe, creds_env.mnt[i], l) == 0 &&
		    (exe[l] == '/' || exe[l] == '\0' ||
		     (l == 1 && creds_env.mnt[i][0] == '/')))
			return true;
	}
	return false;
}

/*
 * The kernel ignores the set-uid/set-gid bits (bprm_fill_uid and
 * LSM_UNSAFE_* in security/commoncap.c) under no_new_privs, on a nosuid
 * mount, and for a traced task whose tracer lacks CAP_SYS_PTRACE over it.
 * /proc/PID/exe is the image that was actually run.
 */
const char *creds_exec_note(pid_t tid, const struct creds_snap *after,
			    char *buf, size_t size)
{
	char exe[64];
	struct statvfs vfs;
	struct stat sb;
	const char *why, *bit;
	unsigned owner, now;

	snprintf(exe, sizeof(exe), "/proc/%d/exe", (int)tid);
	if (stat(exe, &sb) < 0)
		return NULL;
	if ((sb.st_mode & S_ISUID) && after->uid[1] != sb.st_uid) {
		bit = "set-uid";
		owner = (unsigned)sb.st_uid;
		now = (unsigned)after->uid[1];
	} else if ((sb.st_mode & S_ISGID) && (sb.st_mode & S_IXGRP) &&
		   after->gid[1] != sb.st_gid) {
		bit = "set-gid";
		owner = (unsigned)sb.st_gid;
		now = (unsigned)after->gid[1];
	} else {
		return NULL;
	}
	if (after->no_new_privs)
		why = "no_new_privs is set";
	else if (statvfs(exe, &vfs) == 0 && (vfs.f_flag & ST_NOSUID))
		why = "the file system is mounted nosuid";
	else
		why = "the task is traced and the tracer lacks CAP_SYS_PTRACE; "
		      "hint: run proctrace as root or with CAP_SYS_PTRACE";
	snprintf(buf, size,
		 "%s bit ignored: effective id stays %u, not owner %u: %s", bit,
		 now, owner, why);
	return buf;
}
