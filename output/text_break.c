/* text_break.c - the text line of a --break hit: where the task stopped and how it goes on. */
#include "config.h"

#include "decode/breaks.h"
#include "decode/decode.h"
#include "output/text_break.h"
#include "output/text_put.h"

/* "at exec of /usr/bin/sleep", "at delivery of SIGSEGV", ... */
static void text_break_where(FILE *out, const struct ev_break *b)
{
	char name[32];

	switch (b->on) {
	case BRK_EXEC:
		fputs("at exec of ", out);
		text_put_str(out, b->filename ? b->filename : "?");
		break;
	case BRK_CLONE:
	case BRK_FORK:
		fprintf(out, "at the %s of %d",
			b->on == BRK_FORK ? "fork" : "clone",
			(int)b->child_pid);
		break;
	case BRK_SIGNAL:
		decode_signal(name, sizeof(name), b->sig);
		fprintf(out, "at delivery of %s", name);
		break;
	case BRK_EXIT:
		fputs("at exit", out);
		break;
	case BRK_ZOMBIE:
		fprintf(out, "with its child %d an unreaped zombie",
			(int)b->zombie_pid);
		break;
	default:
		fputs("at ?", out);
		break;
	}
}

bool text_break_line(FILE *out, const struct pt_event *ev)
{
	const struct ev_break *b = &ev->u.brk;

	fputs("--- break ", out);
	text_put_str(out, b->spec ? b->spec : "?");
	fputs(b->action == BA_HANDOFF ? ": handed off " : ": held ", out);
	text_break_where(out, b);
	if (b->action == BA_HANDOFF) {
		fputs(" (detached, stopped; running: ", out);
		text_put_str(out, b->run ? b->run : "");
		fputs(")", out);
	} else if (b->on == BRK_EXIT) {
		/* A dying process takes no signal (prepare_signal drops it). */
		fputs(" (it takes no signal now: ^C to proctrace releases it)",
		      out);
	} else {
		fprintf(out, " (kill -CONT %d releases it)", (int)ev->pid);
	}
	fputs(" ---", out);
	return false;
}
