/* tracer/emit.c - placeholder */
#include "config.h"
extern int placeholder_emit;
