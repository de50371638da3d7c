/* tracer/filter.h - placeholder */
