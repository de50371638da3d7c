/* pane_vt.c - a program's terminal in a pane: the pty master, libvterm's screen of it, drawn cell by cell with curses. */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <vterm.h>
#include <wchar.h>

#include "tui/pane_vt.h"

/* The view's own colour pairs are 1..7 (view.h): the pane's start after. */
#define TUI_VT_PAIR0 16
/* default, then the 16 ANSI colours: an index is colour + 1 */
#define TUI_VT_N_COLORS 17
/* Reads per call: a flood (yes) must not starve the keys and the redraw. */
#define TUI_VT_READS 16

struct tui_vt {
	int master; /* -1 once the program's side closed */
	int copy_fd; /* -1: no copy */
	VTerm *vt;
	VTermScreen *screen;
	int rows, cols;
	bool cursor_visible; /* as the program set it (DECTCEM) */
	int cur_y, cur_x; /* on the curses screen, at the last draw */
	/* the curses pair of (fg, bg), 0 not made yet, -1 none left */
	short pairs[TUI_VT_N_COLORS][TUI_VT_N_COLORS];
	short next_pair;
};

/* What the emulator answers the program (cursor reports) and the keys. */
static void tui_vt_output(const char *s, size_t len, void *user)
{
	struct tui_vt *vt = user;

	while (len && vt->master >= 0) {
		ssize_t n = write(vt->master, s, len);

		if (n < 0 && errno == EINTR)
			continue;
		/* the program reads no input (EAGAIN): the rest is dropped */
		if (n <= 0)
			return;
		s += n;
		len -= (size_t)n;
	}
}

static int tui_vt_termprop(VTermProp prop, VTermValue *val, void *user)
{
	struct tui_vt *vt = user;

	if (prop == VTERM_PROP_CURSORVISIBLE)
		vt->cursor_visible = val->boolean;
	return 1;
}

static const VTermScreenCallbacks tui_vt_screen_cbs = {
	.settermprop = tui_vt_termprop,
};

static int tui_vt_pty(struct tui_vt *vt, int rows, int cols, int *slave)
{
	struct winsize ws = { .ws_row = (unsigned short)rows,
			      .ws_col = (unsigned short)cols };

	if (openpty(&vt->master, slave, NULL, NULL, &ws) < 0) {
		vt->master = -1;
		return -1;
	}
	if (fcntl(vt->master, F_SETFD, FD_CLOEXEC) < 0 ||
	    fcntl(*slave, F_SETFD, FD_CLOEXEC) < 0 ||
	    fcntl(vt->master, F_SETFL, O_NONBLOCK) < 0) {
		close(*slave);
		return -1;
	}
	return 0;
}

struct tui_vt *tui_vt_open(int rows, int cols, const char *copy, int *slave,
			   char *err, size_t errsize)
{
	struct tui_vt *vt = calloc(1, sizeof(*vt));

	if (!vt) {
		snprintf(err, errsize, "out of memory");
		return NULL;
	}
	vt->copy_fd = -1;
	vt->rows = rows > 0 ? rows : 1;
	vt->cols = cols > 0 ? cols : 1;
	vt->cursor_visible = true;
	vt->next_pair = TUI_VT_PAIR0;
	if (tui_vt_pty(vt, vt->rows, vt->cols, slave) < 0) {
		snprintf(err, errsize, "cannot open a pseudo-terminal: %s",
			 strerror(errno));
		goto fail;
	}
	if (copy) {
		vt->copy_fd = open(
			copy, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
		if (vt->copy_fd < 0) {
			snprintf(err, errsize, "cannot open %s: %s", copy,
				 strerror(errno));
			close(*slave);
			goto fail;
		}
	}
	vt->vt = vterm_new(vt->rows, vt->cols);
	if (!vt->vt) {
		snprintf(err, errsize, "out of memory");
		close(*slave);
		goto fail;
	}
	vterm_set_utf8(vt->vt, 1);
	vterm_output_set_callback(vt->vt, tui_vt_output, vt);
	vt->screen = vterm_obtain_screen(vt->vt);
	vterm_screen_set_callbacks(vt->screen, &tui_vt_screen_cbs, vt);
	/* vi and less draw on the alternate screen; the prompt comes back */
	vterm_screen_enable_altscreen(vt->screen, 1);
	vterm_screen_reset(vt->screen, 1);
	return vt;
fail:
	tui_vt_free(vt);
	return NULL;
}

void tui_vt_free(struct tui_vt *vt)
{
	if (!vt)
		return;
	if (vt->vt)
		vterm_free(vt->vt);
	if (vt->master >= 0)
		close(vt->master);
	if (vt->copy_fd >= 0)
		close(vt->copy_fd);
	free(vt);
}

int tui_vt_fd(const struct tui_vt *vt)
{
	return vt ? vt->master : -1;
}

static void tui_vt_copy(struct tui_vt *vt, const char *buf, size_t n)
{
	if (vt->copy_fd >= 0 && write(vt->copy_fd, buf, n) != (ssize_t)n) {
		/* a full disk ends the copy, not the pane */
		close(vt->copy_fd);
		vt->copy_fd = -1;
	}
}

bool tui_vt_read(struct tui_vt *vt)
{
	char buf[4096];
	bool any = false;

	for (int i = 0; i < TUI_VT_READS && vt->master >= 0; i++) {
		ssize_t n = read(vt->master, buf, sizeof(buf));

		if (n > 0) {
			vterm_input_write(vt->vt, buf, (size_t)n);
			tui_vt_copy(vt, buf, (size_t)n);
			any = true;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			break;
		/*
		 * EIO: no process holds the slave any more (pty(7)).  The
		 * screen stays as the program left it.
		 */
		close(vt->master);
		vt->master = -1;
		any = true;
	}
	return any;
}

/*
 * The trace is over: what the program wrote last may still be on its way
 * to the master (the tty layer pushes it from a work queue), so read until
 * the slave's last holder is gone (EIO) or nothing comes for a while.
 */
void tui_vt_drain(struct tui_vt *vt, int idle_ms, int total_ms)
{
	for (int waited = 0; vt && vt->master >= 0 && waited < total_ms;
	     waited += idle_ms) {
		struct pollfd p = { .fd = vt->master, .events = POLLIN };

		if (poll(&p, 1, idle_ms) <= 0)
			return;
		tui_vt_read(vt);
	}
}

void tui_vt_resize(struct tui_vt *vt, int rows, int cols)
{
	struct winsize ws;

	if (rows < 1 || cols < 1 || (rows == vt->rows && cols == vt->cols))
		return;
	vt->rows = rows;
	vt->cols = cols;
	vterm_set_size(vt->vt, rows, cols);
	/* the kernel sends SIGWINCH to the pty's foreground process group */
	ws = (struct winsize){ .ws_row = (unsigned short)rows,
			       .ws_col = (unsigned short)cols };
	if (vt->master >= 0)
		ioctl(vt->master, TIOCSWINSZ, &ws);
}

/* A cell's colour as a curses colour: -1 the default, else 0..15. */
static int tui_vt_color(const struct tui_vt *vt, VTermColor c, bool fg)
{
	if (fg ? VTERM_COLOR_IS_DEFAULT_FG(&c) : VTERM_COLOR_IS_DEFAULT_BG(&c))
		return -1;
	if (VTERM_COLOR_IS_INDEXED(&c) && c.indexed.idx < 16)
		return COLORS >= 16 ? c.indexed.idx : c.indexed.idx % 8;
	/* 256 colours and RGB: the nearest of the 8 (curses: R 1, G 2, B 4) */
	vterm_screen_convert_color_to_rgb(vt->screen, &c);
	return (c.rgb.red > 127 ? COLOR_RED : 0) |
	       (c.rgb.green > 127 ? COLOR_GREEN : 0) |
	       (c.rgb.blue > 127 ? COLOR_BLUE : 0);
}

/* The pair of (fg, bg), made on first use; 0 (the default) when none is left. */
static short tui_vt_pair(struct tui_vt *vt, int fg, int bg)
{
	short *p = &vt->pairs[fg + 1][bg + 1];

	if (fg < 0 && bg < 0)
		return 0;
	if (*p == 0) {
		if (vt->next_pair < COLOR_PAIRS &&
		    init_pair(vt->next_pair, (short)fg, (short)bg) == OK)
			*p = vt->next_pair++;
		else
			*p = -1;
	}
	return *p > 0 ? *p : 0;
}

static attr_t tui_vt_attrs(const VTermScreenCellAttrs *a)
{
	return (a->bold ? A_BOLD : 0) | (a->underline ? A_UNDERLINE : 0) |
	       (a->italic ? A_ITALIC : 0) | (a->blink ? A_BLINK : 0) |
	       (a->reverse ? A_REVERSE : 0);
}

/* One cell at (y, x); returns how many columns it takes. */
static int tui_vt_draw_cell(struct tui_vt *vt, int y, int x, bool color)
{
	VTermScreenCell cell;
	VTermPos pos = { .row = y, .col = x };
	wchar_t wc[VTERM_MAX_CHARS_PER_CELL + 1];
	size_t n = 0;
	short pair = 0;
	cchar_t cc;

	if (!vterm_screen_get_cell(vt->screen, pos, &cell))
		return 1;
	for (; n < VTERM_MAX_CHARS_PER_CELL && cell.chars[n]; n++)
		wc[n] = (wchar_t)cell.chars[n];
	/* a character this locale cannot show is a '?', never a control */
	if (!n || wcwidth(wc[0]) < 0) {
		wc[0] = n ? L'?' : L' ';
		n = 1;
	}
	wc[n] = L'\0';
	if (color)
		pair = tui_vt_pair(vt, tui_vt_color(vt, cell.fg, true),
				   tui_vt_color(vt, cell.bg, false));
	if (setcchar(&cc, wc, tui_vt_attrs(&cell.attrs), pair, NULL) == OK)
		add_wch(&cc);
	return cell.width > 0 ? cell.width : 1;
}

void tui_vt_draw(struct tui_vt *vt, int top, int height, int width, bool color)
{
	VTermPos cur;

	for (int y = 0; y < height && y < vt->rows; y++) {
		move(top + y, 0);
		for (int x = 0; x < width && x < vt->cols;)
			x += tui_vt_draw_cell(vt, y, x, color);
	}
	vterm_state_get_cursorpos(vterm_obtain_state(vt->vt), &cur);
	vt->cur_y = cur.row < height ? top + cur.row : -1;
	vt->cur_x = cur.col < width ? cur.col : width - 1;
}

bool tui_vt_cursor(const struct tui_vt *vt, int *y, int *x)
{
	*y = vt->cur_y;
	*x = vt->cur_x;
	return vt->cursor_visible && vt->cur_y >= 0;
}

void tui_vt_key(struct tui_vt *vt, int ch)
{
	VTermModifier mod;
	VTermKey key = tui_vt_keys_lookup(ch, &mod);

	if (vt->master < 0)
		return;
	if (key != VTERM_KEY_NONE) {
		vterm_keyboard_key(vt->vt, key, mod);
	} else if (ch >= 0 && ch < 0x80) {
		/* Ctrl-C is byte 3: the pty's line discipline makes it SIGINT */
		vterm_keyboard_unichar(vt->vt, (uint32_t)ch, VTERM_MOD_NONE);
	} else if (ch >= 0x80 && ch <= 0xff) {
		/* a byte of a UTF-8 character as the terminal sent it */
		char b = (char)ch;

		tui_vt_output(&b, 1, vt);
	}
	/* other KEY_* codes (mouse, unknown) have no terminal spelling */
}
