/* clone_compat.h - <linux/sched.h>, with the kernel's values of the CLONE_* flags older headers lack. */
#ifndef PROCTRACE_CLONE_COMPAT_H
#define PROCTRACE_CLONE_COMPAT_H

/*
 * <linux/sched.h> alone: it has the clone3-only 64-bit flags, and the
 * decoders need nothing from glibc's <sched.h>.
 */
#include <linux/sched.h>

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080ULL /* Linux 5.6 */
#endif
#ifndef CLONE_PIDFD
#define CLONE_PIDFD 0x00001000ULL /* Linux 5.2 */
#endif
#ifndef CLONE_NEWCGROUP
#define CLONE_NEWCGROUP 0x02000000ULL /* Linux 4.6 */
#endif
#ifndef CLONE_CLEAR_SIGHAND
#define CLONE_CLEAR_SIGHAND 0x100000000ULL /* Linux 5.5, clone3 only */
#endif
#ifndef CLONE_INTO_CGROUP
#define CLONE_INTO_CGROUP 0x200000000ULL /* Linux 5.7, clone3 only */
#endif

#endif
