/* observer.c - the registry of engine observers. */
#include "config.h"

#include "tracer/observer.h"

int observers_add(struct observers *o, const struct observer_ops *ops,
		  void *ctx)
{
	if (o->n >= OBSERVERS_MAX)
		return -1;
	o->ops[o->n] = ops;
	o->ctx[o->n] = ctx;
	o->n++;
	return 0;
}
