/* text_break.h - the text line of a --break hit. */
#ifndef PROCTRACE_TEXT_BREAK_H
#define PROCTRACE_TEXT_BREAK_H

#include <stdbool.h>
#include <stdio.h>

#include "event/event.h"

/*
 * "--- break exec:sleep: held at exec of /usr/bin/sleep (kill -CONT 42
 * releases it) ---"; false: the line end says "(inferred)".
 */
bool text_break_line(FILE *out, const struct pt_event *ev);

#endif
