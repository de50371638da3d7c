/* tracer/tasks.c - placeholder */
#include "config.h"
extern int placeholder_tasks;
