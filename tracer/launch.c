/* tracer/launch.c - placeholder */
#include "config.h"
extern int placeholder_launch;
