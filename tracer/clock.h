/* tracer/clock.h - placeholder */
