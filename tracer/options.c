/* tracer/options.c - placeholder */
#include "config.h"
extern int placeholder_options;
