/* text_put.h - the text output's value writers: escaped strings, signals, statuses, flags, frames. */
#ifndef PROCTRACE_TEXT_PUT_H
#define PROCTRACE_TEXT_PUT_H

#include <stdio.h>

#include "event/event.h"

void text_put_clone_flags(FILE *out, uint64_t flags);
void text_put_errno(FILE *out, int err);
void text_put_escaped(FILE *out, const char *s, size_t len);
void text_put_frame(FILE *out, const struct ev_frame *f);
void text_put_groups(FILE *out, const struct ev_cred_set *c);
void text_put_ids(FILE *out, const unsigned ids[4]);
void text_put_quoted(FILE *out, const char *s, int limit);
void text_put_signal(FILE *out, int sig);
void text_put_status(FILE *out, const struct ev_status *st);
void text_put_str(FILE *out, const char *s);
void text_put_strv(FILE *out, const struct ev_strv *sv, int limit,
		   int max_elems);

#endif
