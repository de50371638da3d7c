/* tracer/launch.h - placeholder */
