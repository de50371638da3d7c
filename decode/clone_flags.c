/* decode/clone_flags.c - placeholder */
#include "config.h"
extern int placeholder_clone_flags;
