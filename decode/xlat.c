/* decode/xlat.c - placeholder */
#include "config.h"
extern int placeholder_xlat;
