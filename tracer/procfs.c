/* tracer/procfs.c - placeholder */
#include "config.h"
extern int placeholder_procfs;
