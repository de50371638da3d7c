/* tui_usage.c - CPU% and RSS of live processes, from /proc/PID/stat, sampled at most twice a second per pid. */
#include "config.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/tui_usage.h"

#define TUI_USAGE_SLOTS 4096 /* a hash by pid; a collision resamples */
#define TUI_USAGE_MIN_NS 500000000ull

struct tui_usage_slot {
	pid_t pid;
	unsigned long long ticks; /* utime + stime */
	uint64_t ns; /* CLOCK_BOOTTIME of the sample */
	double pct;
};

struct tui_usage {
	struct tui_usage_slot slot[TUI_USAGE_SLOTS];
	long hz, page_kib;
};

struct tui_usage *tui_usage_new(void)
{
	struct tui_usage *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->hz = sysconf(_SC_CLK_TCK);
	t->page_kib = sysconf(_SC_PAGESIZE) / 1024;
	if (t->hz <= 0)
		t->hz = 100;
	if (t->page_kib <= 0)
		t->page_kib = 4;
	return t;
}

void tui_usage_free(struct tui_usage *t)
{
	free(t);
}

static uint64_t tui_usage_boot_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_BOOTTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* utime + stime, starttime (ticks) and rss (pages) from the stat line. */
static int tui_usage_stat(pid_t pid, unsigned long long *ticks,
			  unsigned long long *start, unsigned long *rss)
{
	char path[64], buf[1024], *s;
	unsigned long long ut, st;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	/* the comm may hold spaces and parentheses: fields follow the last ')' */
	s = strrchr(buf, ')');
	if (!s ||
	    sscanf(s + 1,
		   " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu"
		   " %*d %*d %*d %*d %*d %*d %llu %*u %lu",
		   &ut, &st, start, rss) != 4)
		return -1;
	*ticks = ut + st;
	return 0;
}

int tui_usage_read(struct tui_usage *t, pid_t pid, double *cpu_pct,
		   unsigned long *rss_kib)
{
	struct tui_usage_slot *sl;
	unsigned long long ticks, start;
	unsigned long rss;
	uint64_t now;

	if (!t || tui_usage_stat(pid, &ticks, &start, &rss) < 0)
		return -1;
	now = tui_usage_boot_ns();
	sl = &t->slot[(unsigned)pid % TUI_USAGE_SLOTS];
	*rss_kib = rss * (unsigned long)t->page_kib;
	if (sl->pid == pid && now < sl->ns + TUI_USAGE_MIN_NS) {
		*cpu_pct = sl->pct;
		return 0;
	}
	if (sl->pid == pid && ticks >= sl->ticks) {
		sl->pct = (double)(ticks - sl->ticks) / (double)t->hz * 1e11 /
			  (double)(now - sl->ns);
	} else {
		uint64_t start_ns = start * 1000000000ull / (uint64_t)t->hz;

		sl->pct = now > start_ns ?
				  (double)ticks / (double)t->hz * 1e11 /
					  (double)(now - start_ns) :
				  0.0;
	}
	sl->pid = pid;
	sl->ticks = ticks;
	sl->ns = now;
	*cpu_pct = sl->pct;
	return 0;
}
