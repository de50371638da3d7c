/* pane_vt.h - a program's terminal in a pane: a pty master, its screen emulated by libvterm, drawn with curses. */
#ifndef PROCTRACE_TUI_PANE_VT_H
#define PROCTRACE_TUI_PANE_VT_H

#include <stdbool.h>
#include <stddef.h>
#include <vterm_keycodes.h>

struct tui_vt;

/*
 * A pty of rows x cols and its emulated screen.  *slave gets the slave
 * (close-on-exec: the program's side dup2's it to 0/1/2); the master
 * stays with the pane, non-blocking.  copy: NULL, or a file that gets
 * every byte the program writes.  Returns NULL with one line in err.
 */
struct tui_vt *tui_vt_open(int rows, int cols, const char *copy, int *slave,
			   char *err, size_t errsize);
void tui_vt_free(struct tui_vt *vt);

/* The master to poll, -1 once the program's side is closed (EIO). */
int tui_vt_fd(const struct tui_vt *vt);
/* Read what the program wrote into the screen.  True if anything came. */
bool tui_vt_read(struct tui_vt *vt);
/* Read all that is still coming, waiting up to idle_ms for each chunk. */
void tui_vt_drain(struct tui_vt *vt, int idle_ms, int total_ms);

/* The pane's size changed: the screen and the pty (SIGWINCH) follow. */
void tui_vt_resize(struct tui_vt *vt, int rows, int cols);
/* Draw the screen at (top, 0), height x width of it; colours if color. */
void tui_vt_draw(struct tui_vt *vt, int top, int height, int width, bool color);
/* The cursor on the curses screen of the last draw; false when hidden. */
bool tui_vt_cursor(const struct tui_vt *vt, int *y, int *x);

/* A curses key (getch) typed into the program, as a terminal sends it. */
void tui_vt_key(struct tui_vt *vt, int ch);

/*
 * pane_keys.c: the terminal key of a curses key that is not a character
 * (arrows, Enter, function keys...), VTERM_KEY_NONE for a character.
 */
VTermKey tui_vt_keys_lookup(int ch, VTermModifier *mod);

#endif
