/* features.c - the one list of optional parts a run may switch on. */
#include "config.h"

#include "cli/features.h"
#include "probes/inspect.h"
#include "probes/plt.h"
#include "probes/sampler.h"
#include "tui/tui.h"

/* Each feature's registration: adds observers/sinks when its options ask. */
typedef int (*feature_register_fn)(struct tracer *t, const struct options *o);

static const feature_register_fn features[] = {
	inspect_register,
	plt_register,
	sampler_register,
	tui_register,
	NULL,	/* keeps the table non-empty; skipped below */
};

int features_register(struct tracer *t, const struct options *o)
{
	for (size_t i = 0; i < sizeof(features) / sizeof(features[0]); i++)
		if (features[i] && features[i](t, o) < 0)
			return -1;
	return 0;
}
