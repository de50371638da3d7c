/* tracer/detach.c - placeholder */
#include "config.h"
extern int placeholder_detach;
