/* tracer/filter.c - placeholder */
#include "config.h"
extern int placeholder_filter;
