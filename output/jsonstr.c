/* output/jsonstr.c - placeholder */
#include "config.h"
extern int placeholder_jsonstr;
