/* tracer/tmem.h - placeholder */
