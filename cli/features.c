/* features.c - the one list of optional parts a run may switch on. */
#include "config.h"

#include "cli/features.h"
#include "probes/inspect.h"
#include "probes/inspect_job.h"
#include "probes/plt.h"
#include "probes/sampler.h"
#include "cli/tui_sources.h"

/* Each probe's registration: adds its observer when the options ask. */
typedef int (*probe_register_fn)(struct tracer *t, const struct trace_opts *o);

static const probe_register_fn probes[] = {
	inspect_register,
	inspect_job_register,
	plt_register,
	sampler_register,
};

int features_register(struct tracer *t, const struct options *o)
{
	for (size_t i = 0; i < sizeof(probes) / sizeof(probes[0]); i++)
		if (probes[i](t, &o->trace) < 0)
			return -1;
	return tui_register(t, o);
}
