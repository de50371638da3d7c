/* tracer/tasks.h - placeholder */
