/* pane_keys.c - curses keys as terminal keys for the program's pane: a table, libvterm spells the sequences. */
#include "config.h"

#include <curses.h>

#include "tui/pane_vt.h"

#define TUI_VT_N_FKEYS 12

/*
 * With keypad() and nonl(), curses turns the terminal's sequences into
 * KEY_* codes and Enter into '\r'; libvterm turns them back into what the
 * program's terminal mode asks (application cursor keys for vi and less).
 */
static const struct {
	int ch;
	VTermKey key;
	VTermModifier mod;
} tui_vt_keys[] = {
	{ '\r', VTERM_KEY_ENTER, VTERM_MOD_NONE },
	{ KEY_ENTER, VTERM_KEY_ENTER, VTERM_MOD_NONE },
	{ '\t', VTERM_KEY_TAB, VTERM_MOD_NONE },
	{ KEY_BTAB, VTERM_KEY_TAB, VTERM_MOD_SHIFT },
	{ KEY_BACKSPACE, VTERM_KEY_BACKSPACE, VTERM_MOD_NONE },
	{ 127, VTERM_KEY_BACKSPACE, VTERM_MOD_NONE },
	{ 27, VTERM_KEY_ESCAPE, VTERM_MOD_NONE },
	{ KEY_UP, VTERM_KEY_UP, VTERM_MOD_NONE },
	{ KEY_DOWN, VTERM_KEY_DOWN, VTERM_MOD_NONE },
	{ KEY_LEFT, VTERM_KEY_LEFT, VTERM_MOD_NONE },
	{ KEY_RIGHT, VTERM_KEY_RIGHT, VTERM_MOD_NONE },
	{ KEY_SLEFT, VTERM_KEY_LEFT, VTERM_MOD_SHIFT },
	{ KEY_SRIGHT, VTERM_KEY_RIGHT, VTERM_MOD_SHIFT },
	{ KEY_IC, VTERM_KEY_INS, VTERM_MOD_NONE },
	{ KEY_DC, VTERM_KEY_DEL, VTERM_MOD_NONE },
	{ KEY_HOME, VTERM_KEY_HOME, VTERM_MOD_NONE },
	{ KEY_END, VTERM_KEY_END, VTERM_MOD_NONE },
	{ KEY_PPAGE, VTERM_KEY_PAGEUP, VTERM_MOD_NONE },
	{ KEY_NPAGE, VTERM_KEY_PAGEDOWN, VTERM_MOD_NONE },
};

VTermKey tui_vt_keys_lookup(int ch, VTermModifier *mod)
{
	*mod = VTERM_MOD_NONE;
	for (size_t i = 0; i < sizeof(tui_vt_keys) / sizeof(tui_vt_keys[0]);
	     i++)
		if (tui_vt_keys[i].ch == ch) {
			*mod = tui_vt_keys[i].mod;
			return tui_vt_keys[i].key;
		}
	if (ch >= KEY_F(1) && ch <= KEY_F(TUI_VT_N_FKEYS))
		return VTERM_KEY_FUNCTION(ch - KEY_F(0));
	return VTERM_KEY_NONE;
}
