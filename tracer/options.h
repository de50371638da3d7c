/* tracer/options.h - placeholder */
