/* pid_set.h - a set of pids as one bit each: which tasks were seen before, in bounded memory (pid_max bits at most). */
#ifndef PROCTRACE_OUTPUT_PID_SET_H
#define PROCTRACE_OUTPUT_PID_SET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct pid_set {
	uint8_t *bits;
	size_t bytes;
};

/* Adds pid; false when out of memory (the set is unchanged then). */
bool pid_set_add(struct pid_set *s, pid_t pid);
void pid_set_remove(struct pid_set *s, pid_t pid);
bool pid_set_has(const struct pid_set *s, pid_t pid);
void pid_set_free(struct pid_set *s);

#endif
