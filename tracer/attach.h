/* tracer/attach.h - placeholder */
