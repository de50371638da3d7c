# python.sh - the python3 multiprocessing workload of tests/scenarios/py_mp_*.test.
# PY_CTX: the start method (fork, spawn).

# /usr/bin/python3 over a PATH shim (pyenv's is a bash script); any is real
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3) || skip "needs python3, not installed"
"$PY" -c 'import multiprocessing' 2>/dev/null || skip "python3 has no multiprocessing"

PY_PROG='
import multiprocessing as mp, sys
ctx = mp.get_context(sys.argv[1])
with ctx.Pool(2) as pool:
    print(sum(pool.map(abs, range(-50, 50))))
p = ctx.Process(target=sys.exit, args=(5,))
p.start()
p.join()
print("child", p.exitcode, flush=True)
sys.exit(p.exitcode + 2)
'

sc_cmd() {
	"$@" "$PY" -c "$PY_PROG" "$PY_CTX"
}

# the facts of both contexts, on $LOG
py_mp_facts() {
	R=$(_sc_root)
	jq_assert ".[-1].exit_code == 7" "python exits 7"
	jq_assert "[.[] | select(.ev == \"clone\" and .thread and .pid == $R)] | length >= 2" \
		"the pool's handler threads"
	jq_assert "[.[] | select(.ev == \"clone\" and .thread == false and .pid == $R) | .child_pid] as \$k |
		[.[] | select(.ev == \"exit\" and .group and .code == 5 and (.pid as \$p | \$k | index([\$p]) != null))] |
		length == 1" "exactly one child of python exits 5 (the Process)"
	jq_assert "[.[] | select(.ev == \"exit\" and .group and .code == 5)][0].pid as \$c |
		[.[] | select(.ev == \"reap\" and .child_pid == \$c)] | length == 1 and
		(.[0] | .pid == $R and .status == {code: 5} and (.via == \"pidfd\" or (.inferred // false) == false))" \
		"python reaps the Process (join: waitpid), exit 5"
}
