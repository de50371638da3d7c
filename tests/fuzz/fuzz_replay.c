/* fuzz_replay.c - libFuzzer harness: any bytes as a JSON event log, read to the end. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "replay/replay.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct replay_log *rl = replay_open_mem((const char *)data, size, "fuzz");
	struct pt_event ev;
	int n = 0;

	if (!rl)
		return 0;
	/* Every pointer of an accepted event must be readable. */
	while (replay_next(rl, &ev) > 0 && n++ < 100000) {
		if (ev.kind == EV_EXEC && ev.u.exec.argv.v)
			for (size_t i = 0; ev.u.exec.argv.v[i]; i++)
				(void)ev.u.exec.argv.v[i][0];
	}
	for (size_t i = 0; replay_warning(rl, i); i++)
		(void)replay_warning(rl, i)[0];
	replay_close(rl);
	return 0;
}
