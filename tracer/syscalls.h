/* tracer/syscalls.h - placeholder */
