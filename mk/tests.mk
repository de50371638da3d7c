# mk/tests.mk - the behavioural suite: programs run under the tracer by
# tests/*.test, and the scripts (real processes under real ptrace, jq).

# Lifecycle programs run under the tracer by tests/*.test.
TEST_PROGS = \
	tests/progs/clone3 \
	tests/progs/exec_ctx \
	tests/progs/exec_fail \
	tests/progs/exec_thread \
	tests/progs/exit_codes \
	tests/progs/fork_kill \
	tests/progs/forks \
	tests/progs/kill_family \
	tests/progs/send_open \
	tests/progs/exec_miss \
	tests/progs/leader_exit_exec \
	tests/progs/mt_forker \
	tests/progs/orphan \
	tests/progs/pid_reuse \
	tests/progs/reap_many \
	tests/progs/seccomp_strict \
	tests/progs/pidns \
	tests/progs/segv \
	tests/progs/sig_default \
	tests/progs/sig_handler \
	tests/progs/sig_ignored \
	tests/progs/sigchld_ignored \
	tests/progs/sig_merge \
	tests/progs/sleepers \
	tests/progs/stopcont \
	tests/progs/stops_work \
	tests/progs/storm \
	tests/progs/text_demo \
	tests/progs/threads8 \
	tests/progs/trap_user \
	tests/progs/vfork_exec \
	tests/progs/waitid_reap \
	tests/progs/zombie_late
tests_progs_clone3_SOURCES = tests/progs/clone3.c
tests_progs_exec_ctx_SOURCES = tests/progs/exec_ctx.c
tests_progs_exec_fail_SOURCES = tests/progs/exec_fail.c
tests_progs_exec_thread_SOURCES = tests/progs/exec_thread.c
tests_progs_exit_codes_SOURCES = tests/progs/exit_codes.c
tests_progs_fork_kill_SOURCES = tests/progs/fork_kill.c
tests_progs_forks_SOURCES = tests/progs/forks.c
tests_progs_kill_family_SOURCES = tests/progs/kill_family.c
tests_progs_send_open_SOURCES = tests/progs/send_open.c
tests_progs_exec_miss_SOURCES = tests/progs/exec_miss.c
tests_progs_leader_exit_exec_SOURCES = tests/progs/leader_exit_exec.c
tests_progs_mt_forker_SOURCES = tests/progs/mt_forker.c
tests_progs_orphan_SOURCES = tests/progs/orphan.c
tests_progs_pid_reuse_SOURCES = tests/progs/pid_reuse.c
tests_progs_seccomp_strict_SOURCES = tests/progs/seccomp_strict.c
tests_progs_pidns_SOURCES = tests/progs/pidns.c
tests_progs_sig_merge_SOURCES = tests/progs/sig_merge.c
tests_progs_segv_SOURCES = tests/progs/segv.c
tests_progs_sig_default_SOURCES = tests/progs/sig_default.c
tests_progs_sig_handler_SOURCES = tests/progs/sig_handler.c
tests_progs_sig_ignored_SOURCES = tests/progs/sig_ignored.c
tests_progs_sigchld_ignored_SOURCES = tests/progs/sigchld_ignored.c
tests_progs_reap_many_SOURCES = tests/progs/reap_many.c
tests_progs_sleepers_SOURCES = tests/progs/sleepers.c
tests_progs_stopcont_SOURCES = tests/progs/stopcont.c
tests_progs_stops_work_SOURCES = tests/progs/stops_work.c
tests_progs_storm_SOURCES = tests/progs/storm.c
tests_progs_text_demo_SOURCES = tests/progs/text_demo.c
tests_progs_threads8_SOURCES = tests/progs/threads8.c
tests_progs_trap_user_SOURCES = tests/progs/trap_user.c
tests_progs_vfork_exec_SOURCES = tests/progs/vfork_exec.c
tests_progs_waitid_reap_SOURCES = tests/progs/waitid_reap.c
tests_progs_zombie_late_SOURCES = tests/progs/zombie_late.c
tests_progs_threads8_LDADD = -lpthread
tests_progs_exec_thread_LDADD = -lpthread
tests_progs_mt_forker_LDADD = -lpthread
tests_progs_leader_exit_exec_LDADD = -lpthread
tests_progs_pidns_LDADD = -lpthread
tests_progs_stops_work_LDADD = -lpthread

# Shell tests: real processes under real ptrace, checked with jq.
SCRIPT_TESTS += \
	tests/attach.test \
	tests/badinput.test \
	tests/cli_options.test \
	tests/launch_opts.test \
	tests/clone3.test \
	tests/closed_stdout.test \
	tests/eall.test \
	tests/exec_fail.test \
	tests/exec_thread.test \
	tests/leader_exit_exec.test \
	tests/exit_codes.test \
	tests/filter.test \
	tests/fork_kill.test \
	tests/forks.test \
	tests/kill_family.test \
	tests/send_open.test \
	tests/exec_miss.test \
	tests/memory.test \
	tests/nosecomp.test \
	tests/stops.test \
	tests/oom_adj.test \
	tests/oracle.test \
	tests/orphan.test \
	tests/job.test \
	tests/pid_reuse.test \
	tests/pidns.test \
	tests/reap_exact.test \
	tests/reap_pidfd.test \
	tests/reap_pidfd_attach.test \
	tests/reap_pidfd_many.test \
	tests/output.test \
	tests/script.test \
	tests/exec_context.test \
	tests/exec_context_tui.test \
	tests/seccomp_strict.test \
	tests/segv.test \
	tests/break.test \
	tests/self_kill.test \
	tests/sigchld_ignored.test \
	tests/signals.test \
	tests/strace_habits.test \
	tests/signame.test \
	tests/sigint.test \
	tests/stopcont.test \
	tests/storm.test \
	tests/summary_orphan.test \
	tests/summary_totals.test \
	tests/summary_make.test \
	tests/summary_signals.test \
	tests/summary_rows.test \
	tests/text.test \
	tests/threads.test \
	tests/vfork_exec.test \
	tests/waitid_reap.test \
	tests/zombie_late.test

TEST_PROGS += \
	tests/progs/tui_family \
	tests/progs/tui_execsleep \
	tests/progs/zombie_why
tests_progs_tui_family_SOURCES = tests/progs/tui_family.c
tests_progs_tui_execsleep_SOURCES = tests/progs/tui_execsleep.c
tests_progs_zombie_why_SOURCES = tests/progs/zombie_why.c
check_PROGRAMS += $(TEST_PROGS)

INSPECT_PROGS = \
	tests/progs/insp_creds \
	tests/progs/insp_ns \
	tests/progs/insp_vma \
	tests/progs/insp_segv \
	tests/progs/insp_prctl \
	tests/progs/insp_reexec \
	tests/progs/insp_sigframe
check_PROGRAMS += $(INSPECT_PROGS)
tests_progs_insp_creds_SOURCES = tests/progs/insp_creds.c
tests_progs_insp_ns_SOURCES = tests/progs/insp_ns.c
tests_progs_insp_vma_SOURCES = tests/progs/insp_vma.c
tests_progs_insp_segv_SOURCES = tests/progs/insp_segv.c
tests_progs_insp_prctl_SOURCES = tests/progs/insp_prctl.c
tests_progs_insp_reexec_SOURCES = tests/progs/insp_reexec.c
# Bound at start (-z now): it overwrites its own ld.so before exec'ing.
# No sanitizers: their runtime would call into the overwritten ld.so.
tests_progs_insp_reexec_CFLAGS = -O2
tests_progs_insp_reexec_LDFLAGS = -Wl,-z,now
tests_progs_insp_sigframe_SOURCES = tests/progs/insp_sigframe.c
tests_progs_insp_sigframe_CFLAGS = -g -O0
tests_progs_insp_sigframe_LDFLAGS =
# main's file:line must be found: debug info, no inlining of the fault; no
# sanitizers (UBSan would catch the null store before the SIGSEGV does).
tests_progs_insp_segv_CFLAGS = -g -O0
tests_progs_insp_segv_LDFLAGS =

INSPECT_SCRIPT_TESTS = \
	tests/inspect_creds.test \
	tests/inspect_ns.test \
	tests/inspect_vma.test \
	tests/inspect_stack.test \
	tests/inspect_prctl.test \
	tests/inspect_nosecomp.test
SCRIPT_TESTS += $(INSPECT_SCRIPT_TESTS)

# Fixtures: one C source linked in every PLT layout distros ship.  They
# get no AM_CFLAGS/AM_LDFLAGS (no sanitizers: one is static).  atoi and
# strlen must stay real calls: no builtins, no glibc extern inlines.
PLT_FIX_CFLAGS = -fno-builtin -D__NO_INLINE__ -g
PLT_FIXTURES = \
	tests/progs/plt_lazy \
	tests/progs/plt_pie \
	tests/progs/plt_now \
	tests/progs/plt_ibt \
	tests/progs/plt_ibtlazy \
	tests/progs/plt_noplt \
	tests/progs/plt_static
check_PROGRAMS += $(PLT_FIXTURES) tests/progs/plt_dlopen \
	tests/progs/plt_dllib.so

# lazy binding, non-PIE (addresses fixed at link time)
tests_progs_plt_lazy_SOURCES = tests/progs/plt_calls.c
tests_progs_plt_lazy_CFLAGS = $(PLT_FIX_CFLAGS) -fno-pie
tests_progs_plt_lazy_LDFLAGS = -no-pie -Wl,-z,lazy
# lazy binding, PIE
tests_progs_plt_pie_SOURCES = tests/progs/plt_calls.c
tests_progs_plt_pie_CFLAGS = $(PLT_FIX_CFLAGS) -fPIE
tests_progs_plt_pie_LDFLAGS = -pie -Wl,-z,lazy
# immediate binding (-z now), PIE
tests_progs_plt_now_SOURCES = tests/progs/plt_calls.c
tests_progs_plt_now_CFLAGS = $(PLT_FIX_CFLAGS) -fPIE
tests_progs_plt_now_LDFLAGS = -pie -Wl,-z,now
# IBT: endbr64 stubs in .plt.sec, -z now
tests_progs_plt_ibt_SOURCES = tests/progs/plt_calls.c
tests_progs_plt_ibt_CFLAGS = $(PLT_FIX_CFLAGS) -fPIE -fcf-protection
tests_progs_plt_ibt_LDFLAGS = -pie -Wl,-z,ibtplt -Wl,-z,now
# IBT .plt.sec with lazy binding
tests_progs_plt_ibtlazy_SOURCES = tests/progs/plt_calls.c
tests_progs_plt_ibtlazy_CFLAGS = $(PLT_FIX_CFLAGS) -fPIE -fcf-protection
tests_progs_plt_ibtlazy_LDFLAGS = -pie -Wl,-z,ibtplt -Wl,-z,lazy
# -fno-plt: call *GOT(%rip) at each call site, no stubs
tests_progs_plt_noplt_SOURCES = tests/progs/plt_calls.c
tests_progs_plt_noplt_CFLAGS = $(PLT_FIX_CFLAGS) -fPIE -fno-plt
tests_progs_plt_noplt_LDFLAGS = -pie
# static: no PLT to trace
tests_progs_plt_static_SOURCES = tests/progs/plt_calls.c
tests_progs_plt_static_CFLAGS = $(PLT_FIX_CFLAGS)
tests_progs_plt_static_LDFLAGS = -static
# dlopen of a library with its own (lazy) PLT
tests_progs_plt_dlopen_SOURCES = tests/progs/plt_dlopen.c
tests_progs_plt_dlopen_CFLAGS = $(PLT_FIX_CFLAGS) -fPIE
tests_progs_plt_dlopen_LDFLAGS = -pie
tests_progs_plt_dlopen_LDADD = -ldl
tests_progs_plt_dllib_so_SOURCES = tests/progs/plt_dllib.c
tests_progs_plt_dllib_so_CFLAGS = $(PLT_FIX_CFLAGS) -fPIC
tests_progs_plt_dllib_so_LDFLAGS = -shared -Wl,-z,lazy

PLT_SCRIPT_TESTS = \
	tests/plt_elf.test \
	tests/plt_layouts.test \
	tests/plt_static.test \
	tests/plt_threads.test \
	tests/plt_fork.test \
	tests/plt_dlopen.test \
	tests/plt_attach.test \
	tests/plt_attach_threads.test \
	tests/plt_signal.test
SCRIPT_TESTS += $(PLT_SCRIPT_TESTS)

TUI_SCRIPT_TESTS = \
	tests/replay.test \
	tests/replay_bad.test \
	tests/export.test \
	tests/tui.test \
	tests/tui_detach.test \
	tests/tui_break.test \
	tests/tui_hangup.test \
	tests/tui_quit.test \
	tests/tui_replay.test \
	tests/tui_replay_jump.test \
	tests/replay_tree.test \
	tests/tui_state.test tests/tui_final_keys.test tests/tui_crash.test \
	tests/tui_job.test tests/tui_zombie.test tests/tui_tree.test \
	tests/tui_pty.test tests/tui_pty_nopty.test tests/tui_pty_debug.test
SCRIPT_TESTS += $(TUI_SCRIPT_TESTS)
EXTRA_DIST += tests/tui_lib.sh tests/progs/interrupted.py
SCRIPT_TESTS += tests/pftrace.test
EXTRA_DIST += tests/lib/pftrace.sh tests/lib/pftrace_check.awk
SCRIPT_TESTS += tests/event_roundtrip.test

# make bench: the tree's redraw with 10,000 processes and the replay's
# back-steps; built by make check too (not run), so that they keep up with
# the interfaces they use
check_PROGRAMS += tests/bench/tree_draw tests/bench/replay_steps
tests_bench_replay_steps_SOURCES = tests/bench/replay_steps.c
tests_bench_replay_steps_LDADD = $(LAYERS) $(DEP_LIBS)
tests_bench_tree_draw_SOURCES = tests/bench/tree_draw.c
tests_bench_tree_draw_LDADD = libtui.a libmodel.a libevent.a libdecode.a \
	$(DEP_LIBS)
