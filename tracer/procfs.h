/* tracer/procfs.h - placeholder */
