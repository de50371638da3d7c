/* launch_creds.c - -u USER and -E VAR[=VAL]: the launched command's credentials and environment. */
#include "config.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tracer/launch_creds.h"

/* getpwnam, else a numeric uid's entry (as id(1) and chown(1) accept). */
static struct passwd *launch_find_user(const char *user)
{
	struct passwd *pw = getpwnam(user);
	char *end;
	unsigned long uid;

	if (pw || !*user)
		return pw;
	errno = 0;
	uid = strtoul(user, &end, 10);
	if (*end || errno || uid > (uid_t)-1 - 1)
		return NULL;
	return getpwuid((uid_t)uid);
}

int launch_creds_lookup(struct trace_opts *o, const char *user, char *err,
			size_t errsize)
{
	struct passwd *pw = launch_find_user(user);
	int n = 0;

	if (!pw) {
		snprintf(err, errsize, "-u: unknown user '%s'", user);
		return -1;
	}
	/* The first call counts the groups, the second fills them. */
	getgrouplist(pw->pw_name, pw->pw_gid, NULL, &n);
	o->run_groups = malloc((size_t)(n ? n : 1) * sizeof(gid_t));
	if (!o->run_groups ||
	    getgrouplist(pw->pw_name, pw->pw_gid, o->run_groups, &n) < 0) {
		snprintf(err, errsize, "-u %s: cannot read its groups", user);
		return -1;
	}
	o->n_run_groups = (size_t)n;
	o->run_as = true;
	o->run_user = user;
	o->run_uid = pw->pw_uid;
	o->run_gid = pw->pw_gid;
	return 0;
}

int launch_env_add(struct trace_opts *o, const char *edit)
{
	const char **grown = realloc(
		o->env_edits, (o->n_env_edits + 1) * sizeof(*o->env_edits));

	if (!grown)
		return -1;
	o->env_edits = grown;
	o->env_edits[o->n_env_edits++] = edit;
	return 0;
}

/* Does the -E argument edit name the variable var? */
static bool env_edit_names(const char *edit, const char *var)
{
	size_t len = strcspn(edit, "=");

	return strlen(var) == len && strncmp(edit, var, len) == 0;
}

const char *launch_env_path(const struct trace_opts *o)
{
	for (size_t i = o->n_env_edits; i-- > 0;) {
		const char *e = o->env_edits[i];

		if (env_edit_names(e, "PATH"))
			return strchr(e, '=') ? strchr(e, '=') + 1 : NULL;
	}
	return getenv("PATH");
}

int launch_env_apply(const struct trace_opts *o)
{
	for (size_t i = 0; i < o->n_env_edits; i++) {
		const char *e = o->env_edits[i];
		const char *eq = strchr(e, '=');
		int rc;

		if (eq) {
			char *name = strndup(e, (size_t)(eq - e));

			if (!name)
				return -1;
			rc = setenv(name, eq + 1, 1);
			free(name);
		} else {
			rc = unsetenv(e);
		}
		if (rc < 0)
			return -1;
	}
	return 0;
}

int launch_creds_apply(const struct trace_opts *o, const char *path)
{
	uid_t euid = o->run_uid;
	gid_t egid = o->run_gid;
	struct stat st;

	if (!o->run_as)
		return 0;
	if (stat(path, &st) == 0) {
		if (st.st_mode & S_ISUID)
			euid = st.st_uid;
		if ((st.st_mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP))
			egid = st.st_gid;
	}
	/* Groups first: after the uid change we may no longer set them. */
	if (setgroups(o->n_run_groups, o->run_groups) < 0 ||
	    setregid(o->run_gid, egid) < 0 || setreuid(o->run_uid, euid) < 0)
		return -errno;
	return 0;
}
