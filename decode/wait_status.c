/* decode/wait_status.c - placeholder */
#include "config.h"
extern int placeholder_wait_status;
