/* decode/errno_names.c - placeholder */
#include "config.h"
extern int placeholder_errno_names;
