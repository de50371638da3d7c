/* tracer/tmem.c - placeholder */
#include "config.h"
extern int placeholder_tmem;
