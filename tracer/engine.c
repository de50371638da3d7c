/* tracer/engine.c - placeholder */
#include "config.h"
extern int placeholder_engine;
