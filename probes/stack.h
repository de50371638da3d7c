/* stack.h - --stack: a call stack on exec, clone, exit, signal, creds and ns events. */
#ifndef PROCTRACE_STACK_H
#define PROCTRACE_STACK_H

#include "tracer/engine.h"

struct stack;

struct stack *stack_new(void);
void stack_free(struct stack *s);
/*
 * Set ev->stack for the kinds that carry one (valid until the next call),
 * walking task's stack (which must be stopped; an event about a task that
 * is not may pass the stopped task whose stack stands for it).
 */
void stack_annotate(struct stack *s, struct task *task, struct pt_event *ev);
/* PTRACE_EVENT_EXIT: keep the dying thread's stack for its exit event. */
void stack_exiting(struct stack *s, struct task *task);
void stack_task_gone(struct stack *s, struct task *task);
/* The process exec'd or is gone: its address space is not the cached one. */
void stack_forget(struct stack *s, pid_t pid);
/* A syscall of pid mapped or unmapped something (munmap, dlclose...). */
void stack_maps_changed(struct stack *s, pid_t pid);

#endif
