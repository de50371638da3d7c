/* subcommands.h - proctrace's sub-commands, called from main with argv[0] their name. */
#ifndef PROCTRACE_SUBCOMMANDS_H
#define PROCTRACE_SUBCOMMANDS_H

struct options;
struct replay_log;

/* `proctrace replay [--tui|--text] [-o FILE] [-s N] [-t|-tt|-ttt|-r] [--summary] FILE` */
int replay_main(int argc, char **argv);
/* `proctrace export --perfetto LOG [-o OUT]` */
int export_main(int argc, char **argv);
/*
 * For replay and export: parse the command line of cmd into a and open its
 * log, with *rc 0.  NULL when there is nothing to read: *rc is then the exit
 * status (0 after --help, 1 after a one-line message).
 */
struct replay_log *subcommand_open_log(int cmd, int argc, char **argv,
				       struct options *a, int *rc);
/* For replay and export: each replay_warning() as "proctrace: warning: ..." on stderr. */
void replay_print_warnings(const struct replay_log *rl);

#endif
