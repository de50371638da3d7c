/* tracer/emit.h - placeholder */
