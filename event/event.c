/* event.c - names of event kinds and enum fields, as the log spells them. */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "event/event.h"

static const struct {
	const char *name;
	enum ev_class cls;
} kinds[EV_KIND_COUNT] = {
	[EV_START] = { "start", EVC_PROCESS },
	[EV_ATTACH] = { "attach", EVC_PROCESS },
	[EV_CLONE] = { "clone", EVC_PROCESS },
	[EV_EXEC] = { "exec", EVC_PROCESS },
	[EV_EXIT] = { "exit", EVC_PROCESS },
	[EV_REAP] = { "reap", EVC_PROCESS },
	[EV_REPARENT] = { "reparent", EVC_PROCESS },
	[EV_SIGNAL] = { "signal", EVC_SIGNAL },
	[EV_CREDS] = { "creds", EVC_CREDS },
	[EV_NS] = { "ns", EVC_NS },
	[EV_VMA] = { "vma", EVC_VMA },
	[EV_PLT] = { "plt", EVC_PLT },
	[EV_STATE] = { "state", EVC_PROCESS },
	[EV_DETACH] = { "detach", EVC_PROCESS },
	[EV_END] = { "end", EVC_PROCESS },
	[EV_NOTICE] = { "notice", EVC_PROCESS },
	[EV_JOB] = { "job", EVC_JOB },
	[EV_CGROUP] = { "cgroup", EVC_CGROUP },
	[EV_BREAK] = { "break", EVC_PROCESS },
};

const struct ev_cap_set_field ev_cap_sets[EV_CAP_SETS] = {
	{ "cap_eff", offsetof(struct ev_cred_set, cap_eff) },
	{ "cap_prm", offsetof(struct ev_cred_set, cap_prm) },
	{ "cap_inh", offsetof(struct ev_cred_set, cap_inh) },
	{ "cap_bnd", offsetof(struct ev_cred_set, cap_bnd) },
	{ "cap_amb", offsetof(struct ev_cred_set, cap_amb) },
};

const char *event_kind_name(enum ev_kind kind)
{
	if ((unsigned)kind >= EV_KIND_COUNT)
		return NULL;
	return kinds[kind].name;
}

int event_kind_from_name(const char *name)
{
	for (int k = 0; k < EV_KIND_COUNT; k++)
		if (strcmp(kinds[k].name, name) == 0)
			return k;
	return -1;
}

enum ev_class event_kind_class(enum ev_kind kind)
{
	if ((unsigned)kind >= EV_KIND_COUNT)
		return 0;
	return kinds[kind].cls;
}

#define NAME_OF(tab, i) \
	((size_t)(i) < sizeof(tab) / sizeof((tab)[0]) ? (tab)[i] : NULL)

const char *event_clone_syscall_name(enum clone_syscall s)
{
	static const char *const n[] = {
		[CS_FORK] = "fork",
		[CS_VFORK] = "vfork",
		[CS_CLONE] = "clone",
		[CS_CLONE3] = "clone3",
	};
	return NAME_OF(n, s);
}

const char *event_send_syscall_name(enum send_syscall s)
{
	static const char *const n[] = {
		[SS_KILL] = "kill",
		[SS_TKILL] = "tkill",
		[SS_TGKILL] = "tgkill",
		[SS_RT_SIGQUEUEINFO] = "rt_sigqueueinfo",
		[SS_RT_TGSIGQUEUEINFO] = "rt_tgsigqueueinfo",
		[SS_PIDFD_SEND_SIGNAL] = "pidfd_send_signal",
	};
	return NAME_OF(n, s);
}

const char *event_sig_kind_name(enum sig_kind k)
{
	static const char *const n[] = {
		[SK_SEND] = "send",
		[SK_DELIVER] = "deliver",
		[SK_STOP] = "stop",
		[SK_CONT] = "cont",
	};
	return NAME_OF(n, k);
}

const char *event_vma_op_name(enum vma_op op)
{
	static const char *const n[] = {
		[VO_SNAPSHOT] = "snapshot",
		[VO_MAP] = "map",
		[VO_UNMAP] = "unmap",
		[VO_PROTECT] = "protect",
	};
	return NAME_OF(n, op);
}

/*
 * Without syscall stops (-p, --no-seccomp) these are invisible or only
 * inferred; the start event lists the keys of the selected classes.
 */
const struct event_blind event_blind[] = {
	{ "exec_fail", EVC_PROCESS, "failed execs" },
	{ "reap_waiter", EVC_PROCESS,
	  "which call reaped a child (reaps inferred, zombie time an upper bound)" },
	{ "send", EVC_SIGNAL,
	  "sends as calls (inferred from deliveries: failed ones, SIGKILL, SIGSTOP and those to untraced processes missing)" },
	{ "creds_cause", EVC_CREDS, "which call changed credentials" },
	{ "ns_cause", EVC_NS, "which call changed namespaces" },
	{ "vma_calls", EVC_VMA, "mmap, munmap, mprotect, mremap" },
	{ "fds_closed_on_exec", EVC_PROCESS,
	  "which fds an exec closed (O_CLOEXEC)" },
	{ "job_cause", EVC_JOB, "which call changed a pgrp, session or tty" },
};
const size_t event_n_blind = sizeof(event_blind) / sizeof(event_blind[0]);

const char *event_blind_text(const char *key)
{
	for (size_t i = 0; i < event_n_blind; i++)
		if (strcmp(event_blind[i].key, key) == 0)
			return event_blind[i].text;
	return NULL;
}
