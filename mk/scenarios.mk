# mk/scenarios.mk - the scenario x output matrix (included by Makefile.am).
# Each tests/scenarios/*.test runs one real workload through every output
# (tests/lib/scenario.sh): text, --json, --summary, replay --text and
# --summary, export --perfetto (tests/lib/perfetto_check.jq), the TUI.

SCENARIO_TESTS = \
	tests/scenarios/shell_job.test \
	tests/scenarios/py_mp_fork.test \
	tests/scenarios/py_mp_spawn.test \
	tests/scenarios/make_j2.test \
	tests/scenarios/unshare_pid.test \
	tests/scenarios/session_tools.test \
	tests/scenarios/runuser.test \
	tests/scenarios/daemon_attach.test \
	tests/scenarios/daemon_plt.test \
	tests/scenarios/signal_storm.test
SCRIPT_TESTS += $(SCENARIO_TESTS)
EXTRA_DIST += tests/lib/scenario.sh tests/lib/perfetto_check.jq \
	tests/lib/python.sh tests/lib/daemon.sh tests/lib/daemon.py
