/* output/json_sink.c - placeholder */
#include "config.h"
extern int placeholder_json_sink;
