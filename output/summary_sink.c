/* output/summary_sink.c - placeholder */
#include "config.h"
extern int placeholder_summary_sink;
