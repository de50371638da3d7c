/* tracer/engine.h - placeholder */
