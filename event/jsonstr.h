/* jsonstr.h - tracee bytes to JSON string text and back (EVENTS.md rules). */
#ifndef PROCTRACE_JSONSTR_H
#define PROCTRACE_JSONSTR_H

#include <stddef.h>
#include <stdio.h>

/*
 * Write s (len bytes) as a quoted JSON string: valid UTF-8 as is (with the
 * JSON escapes for '"', control characters), every byte that is not part of
 * valid UTF-8 as the four characters \xNN (in JSON: "\\xNN"), and a
 * backslash of the original doubled, so the raw bytes can be recovered.
 * Returns 0, or -1 on a write error.
 */
int jsonstr_write(FILE *out, const char *s, size_t len);

/*
 * Reverse of the \xNN / doubled-backslash convention, applied to a string
 * already unescaped by a JSON parser: writes the raw bytes to buf (snprintf
 * semantics on size), returns the raw length, or -1 if in is malformed
 * (a lone backslash, or \x not followed by two hex digits).
 */
long jsonstr_to_raw(char *buf, size_t size, const char *in, size_t len);

#endif
