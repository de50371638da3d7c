/* test_roundtrip.c - every line of a log, read with replay/ and written again with the json sink, comes out byte for byte. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output/json_sink.h"
#include "replay/replay.h"

/* ev written by the json sink, into a malloc'd buffer. */
static char *write_event(const struct pt_event *ev, size_t *len)
{
	char *buf = NULL;
	FILE *mem = open_memstream(&buf, len);
	void *js;

	if (!mem)
		return NULL;
	js = json_sink_new(mem, false);
	if (!js) {
		fclose(mem);
		free(buf);
		return NULL;
	}
	json_sink_ops.event(js, ev);
	json_sink_ops.close(js);
	fclose(mem);
	return buf;
}

/* Line lineno of path against its rewrite; prints the first difference. */
static int compare_line(const char *path, long lineno, const char *line,
			size_t len, const char *out, size_t out_len)
{
	size_t i = 0;

	if (out_len == len + 1 && memcmp(line, out, len) == 0 &&
	    out[len] == '\n')
		return 0;
	while (i < len && i < out_len && line[i] == out[i])
		i++;
	fprintf(stderr, "%s:%ld: differs at column %zu\n  read:    %.*s\n  written: %.*s",
		path, lineno, i + 1, (int)len, line, (int)out_len, out);
	return -1;
}

/* Every line of one log; counts[kind] grows per event.  0 or -1. */
static int roundtrip_log(const char *path, unsigned long counts[])
{
	char err[512];
	struct replay_log *rl = replay_open(path, err, sizeof(err));
	struct pt_event ev;
	long lineno = 0;
	int got, ret = 0;

	if (!rl) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	while ((got = replay_next(rl, &ev)) > 0) {
		size_t len, out_len;
		const char *line = replay_line(rl, &len);
		char *out = write_event(&ev, &out_len);

		lineno++;
		if (!out || compare_line(path, lineno, line, len, out,
					 out_len) < 0)
			ret = -1;
		free(out);
		counts[ev.kind]++;
	}
	if (got < 0) {
		fprintf(stderr, "%s\n", replay_error(rl));
		ret = -1;
	}
	replay_close(rl);
	return ret;
}

/*
 * Usage: test_roundtrip LOG...  Prints "KIND COUNT" for every kind seen
 * (the script checks that every kind was covered); exits 1 on a
 * difference or a log that does not read.
 */
int main(int argc, char **argv)
{
	unsigned long counts[EV_KIND_COUNT] = { 0 };
	int ret = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: test_roundtrip LOG...\n");
		return 2;
	}
	for (int i = 1; i < argc; i++)
		if (roundtrip_log(argv[i], counts) < 0)
			ret = 1;
	for (int k = 0; k < EV_KIND_COUNT; k++)
		if (counts[k])
			printf("%s %lu\n", event_kind_name(k), counts[k]);
	return ret;
}
