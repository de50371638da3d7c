/* output/text_sink.c - placeholder */
#include "config.h"
extern int placeholder_text_sink;
