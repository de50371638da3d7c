/* text_tree.h - the whole process tree of a run, printed once like pstree -a -p. */
#ifndef PROCTRACE_TEXT_TREE_H
#define PROCTRACE_TEXT_TREE_H

#include <stdbool.h>
#include <stdio.h>

#include "model/model.h"

/*
 * Every record of the keep-all model m as one line, children under their
 * parent with tree lines (├─ └─ │, or |- `- | when ascii): "comm(pid)
 * argv...  [exit 3, 1.2 s, zombie 40 us]"; threads as {comm}(tid); a reused
 * pid is two lines.  Returns 0, or -1 when writing failed.
 */
int text_tree_print(FILE *out, struct model *m, bool ascii);

#endif
