/* sink.c - fan one event stream out to every sink that wants it. */
#include "config.h"

#include <errno.h>

#include "event/sink.h"

int sinks_add(struct sinks *set, const struct sink_ops *ops, void *ctx,
	      unsigned classes)
{
	if (set->n >= SINKS_MAX)
		return -1;
	set->s[set->n++] = (struct sink){ ops, ctx, classes };
	return 0;
}

void sinks_emit(struct sinks *set, const struct pt_event *ev)
{
	unsigned cls = event_kind_class(ev->kind);

	/* start and end frame every stream, whatever the classes. */
	bool frame = ev->kind == EV_START || ev->kind == EV_END;
	for (size_t i = 0; i < set->n; i++)
		if (frame || (set->s[i].classes & cls))
			set->s[i].ops->event(set->s[i].ctx, ev);
}

void sinks_flush(struct sinks *set)
{
	for (size_t i = 0; i < set->n; i++)
		if (set->s[i].ops->flush)
			set->s[i].ops->flush(set->s[i].ctx);
}

int sinks_close(struct sinks *set)
{
	int ret = 0, saved = 0;

	for (size_t i = 0; i < set->n; i++) {
		if (set->s[i].ops->close(set->s[i].ctx) < 0 && ret == 0) {
			ret = -1;
			saved = errno;
		}
	}
	set->n = 0;
	if (ret)
		errno = saved;
	return ret;
}
