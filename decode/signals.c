/* decode/signals.c - placeholder */
#include "config.h"
extern int placeholder_signals;
