/* tracer/attach.c - placeholder */
#include "config.h"
extern int placeholder_attach;
