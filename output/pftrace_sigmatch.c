/* pftrace_sigmatch.c - which sends were delivered: pending sends per target process, and a bit per event seq. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "output/pftrace_internal.h"

#define SIGMATCH_BUCKETS 4096
/* Sends a target keeps pending; older ones are forgotten (no flow). */
#define SIGMATCH_PENDING PFT_FLOWS_MAX
/* The log numbers signals as the kernel does: 1..31 standard, merging. */
#define KERNEL_SIGRTMIN 32

struct pending_send {
	uint64_t seq;
	pid_t sender;
	int sig;
};

struct sig_target {
	struct sig_target *next;
	pid_t pid;
	size_t n;
	struct pending_send send[SIGMATCH_PENDING];
};

struct pft_sigmatch {
	struct sig_target *bucket[SIGMATCH_BUCKETS];
	uint8_t *delivered; /* bit seq: that send was delivered */
	size_t n_bytes;
};

struct pft_sigmatch *pft_sigmatch_new(void)
{
	return calloc(1, sizeof(struct pft_sigmatch));
}

static struct sig_target **sigmatch_slot(struct pft_sigmatch *m, pid_t pid)
{
	struct sig_target **p = &m->bucket[(unsigned)pid % SIGMATCH_BUCKETS];

	while (*p && (*p)->pid != pid)
		p = &(*p)->next;
	return p;
}

static void sigmatch_forget(struct pft_sigmatch *m, pid_t pid)
{
	struct sig_target **p = sigmatch_slot(m, pid), *t = *p;

	if (t) {
		*p = t->next;
		free(t);
	}
}

void pft_sigmatch_rewind(struct pft_sigmatch *m)
{
	for (size_t i = 0; i < SIGMATCH_BUCKETS; i++)
		while (m->bucket[i])
			sigmatch_forget(m, m->bucket[i]->pid);
}

void pft_sigmatch_free(struct pft_sigmatch *m)
{
	if (!m)
		return;
	pft_sigmatch_rewind(m);
	free(m->delivered);
	free(m);
}

bool pft_sigmatch_delivered(const struct pft_sigmatch *m, uint64_t seq)
{
	return seq / 8 < m->n_bytes &&
	       (m->delivered[seq / 8] & (1u << (seq % 8)));
}

static void sigmatch_mark(struct pft_sigmatch *m, uint64_t seq)
{
	if (seq / 8 >= m->n_bytes) {
		size_t n = (seq / 8 + 1) * 2;
		uint8_t *d = realloc(m->delivered, n);

		if (!d)
			return; /* no flow for it, still a valid trace */
		memset(d + m->n_bytes, 0, n - m->n_bytes);
		m->delivered = d;
		m->n_bytes = n;
	}
	m->delivered[seq / 8] |= 1u << (seq % 8);
}

static void sigmatch_send(struct pft_sigmatch *m, const struct pt_event *ev)
{
	const struct ev_signal *s = &ev->u.signal;
	struct sig_target **p, *t;

	/* A group or broadcast send has no one delivery to point at. */
	if (s->result || s->result_unknown || s->target_pid <= 0 || !s->sig)
		return;
	p = sigmatch_slot(m, s->target_pid);
	t = *p;
	if (!t) {
		t = calloc(1, sizeof(*t));
		if (!t)
			return;
		t->pid = s->target_pid;
		*p = t;
	}
	if (t->n == SIGMATCH_PENDING)
		memmove(t->send, t->send + 1, --t->n * sizeof(t->send[0]));
	t->send[t->n++] = (struct pending_send){ ev->seq, ev->pid, s->sig };
}

/* A standard signal's pending sends all end in one delivery; a real-time
 * signal is queued, one delivery per send. */
static size_t sigmatch_deliver(struct pft_sigmatch *m,
			       const struct pt_event *ev, uint64_t *seqs)
{
	const struct ev_signal *s = &ev->u.signal;
	struct sig_target *t = *sigmatch_slot(m, ev->pid);
	size_t n = 0, kept = 0;

	if (!t)
		return 0;
	for (size_t i = 0; i < t->n; i++) {
		const struct pending_send *ps = &t->send[i];
		bool match = ps->sig == s->sig &&
			     (!s->has_sender || ps->sender == s->sender_pid) &&
			     (n == 0 || s->sig < KERNEL_SIGRTMIN);

		if (match) {
			seqs[n++] = ps->seq;
			sigmatch_mark(m, ps->seq);
		} else {
			t->send[kept++] = *ps;
		}
	}
	t->n = kept;
	return n;
}

size_t pft_sigmatch_feed(struct pft_sigmatch *m, const struct pt_event *ev,
			 uint64_t *seqs)
{
	switch (ev->kind) {
	case EV_SIGNAL:
		if (ev->u.signal.kind == SK_SEND)
			sigmatch_send(m, ev);
		else if (ev->u.signal.kind == SK_DELIVER)
			return sigmatch_deliver(m, ev, seqs);
		break;
	case EV_EXIT:
		if (ev->u.exit.group)
			sigmatch_forget(m, ev->pid);
		break;
	case EV_REAP:
		sigmatch_forget(m, ev->u.reap.child_pid);
		break;
	case EV_DETACH:
		sigmatch_forget(m, ev->pid);
		break;
	default:
		break;
	}
	return 0;
}
