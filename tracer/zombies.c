/* tracer/zombies.c - placeholder */
#include "config.h"
extern int placeholder_zombies;
