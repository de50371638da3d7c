/* decode/exit_status.c - the one spelling of how a process ended, and of a signal's disposition. */
#include "config.h"

#include <stdio.h>

#include "decode/decode.h"

size_t decode_exit_status(char *buf, size_t size, bool signaled, int value,
			  bool core)
{
	struct decode_buf b;
	char sig[32];

	decode_buf_init(&b, buf, size);
	if (!signaled) {
		decode_buf_printf(&b, "exit %d", value);
		return b.len;
	}
	decode_signal(sig, sizeof(sig), value);
	decode_buf_printf(&b, "%s%s", sig, core ? " (core dumped)" : "");
	return b.len;
}

enum sig_disposition decode_sig_disposition(int sig, uint64_t sig_ign,
					    uint64_t sig_cgt)
{
	uint64_t bit;

	if (sig < 1 || sig > 64)
		return SD_UNKNOWN;
	bit = 1ull << (sig - 1);
	/* The kernel keeps one action per signal: at most one bit is set. */
	if (sig_cgt & bit)
		return SD_HANDLER;
	if (sig_ign & bit)
		return SD_IGNORE;
	return SD_DEFAULT;
}

const char *decode_disposition_name(enum sig_disposition d)
{
	static const char *const names[] = {
		[SD_DEFAULT] = "default",
		[SD_IGNORE] = "ignore",
		[SD_HANDLER] = "handler",
	};

	return (unsigned)d < XLAT_COUNT(names) ? names[d] : NULL;
}
