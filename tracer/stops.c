/* tracer/stops.c - placeholder */
#include "config.h"
extern int placeholder_stops;
