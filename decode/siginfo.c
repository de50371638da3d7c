/* decode/siginfo.c - placeholder */
#include "config.h"
extern int placeholder_siginfo;
