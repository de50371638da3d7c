/* test_procinfo.c - procinfo_read of this very process against what the system calls say. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "proc/procfs.h"
#include "proc/procinfo.h"
#include "tests/decode/check.h"

int main(void)
{
	static const char stat_text[] =
		"42 (a) b) c) S 1 7 9 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 "
		"123 0 0";
	static const char status_text[] =
		"Name:\tx\nState:\tS (sleeping)\nVmSize:\t   2000 kB\n"
		"VmRSS:\t    300 kB\n";
	struct proc_stat ps;
	struct proc_status st;
	struct procinfo pi;
	FILE *maps;
	long lines = 0;
	int c;

	/* the parsers: a comm with ") " in it, and the Vm lines */
	check_num("parse stat", procfs_parse_stat(stat_text, strlen(stat_text), &ps), 0);
	check_num("pgrp", ps.pgrp, 7);
	check_num("session", ps.session, 9);
	check_num("starttime", (long)ps.starttime, 123);
	check_num("parse status",
		  procfs_parse_status(status_text, strlen(status_text), &st), 0);
	check_num("VmSize", (long)st.vm_size_kb, 2000);
	check_num("VmRSS", (long)st.vm_rss_kb, 300);

	/* a live read of ourselves */
	procinfo_read(getpid(), &pi);
	check_num("ok", pi.ok, 1);
	check_num("ppid", pi.ppid, getppid());
	check_num("pgid", pi.pgid, getpgrp());
	check_num("sid", pi.sid, getsid(0));
	check_num("rss known", pi.vm_rss_kb > 0, 1);
	check_num("size >= rss", pi.vm_size_kb >= pi.vm_rss_kb, 1);
	maps = fopen("/proc/self/maps", "re");
	while (maps && (c = getc(maps)) != EOF)
		lines += c == '\n';
	if (maps)
		fclose(maps);
	/*
	 * Our own maps change between the two reads (stdio's buffer, a
	 * sanitizer's allocator): the count must be of that file, not exact.
	 */
	check_num("maps counted", pi.n_maps > 0 && (long)pi.n_maps > lines / 2 &&
					  (long)pi.n_maps < lines * 2, 1);
	printf("%d cases, %d failures\n", test_cases, test_failures);
	return test_failures != 0;
}
