#!/usr/bin/awk -f
# tests/bench/storm_log.awk - a synthetic JSON event log (proctrace-events(5)) for the replay bench: LIVE processes kept alive, churned by fork, exec, exit, reap and SIGCHLD until EVENTS events.
#
# Usage: awk -v EVENTS=1000000 -v LIVE=10000 -f storm_log.awk > LOG.json
# Deterministic (a fixed seed): the same log every run.
function ev(kind, pid, rest) {
	ts += 1000 + int(rand() * 5000)
	printf "{\"seq\":%d,\"ts\":%d,\"ev\":\"%s\",\"pid\":%d,\"tid\":%d%s}\n", \
		seq++, ts, kind, pid, pid, rest
}
function spawn(parent,    pid) {
	pid = next_pid++
	ev("clone", parent, ",\"child_pid\":" pid ",\"child_tid\":" pid \
		",\"syscall\":\"fork\",\"flags\":[],\"flags_raw\":\"0x11\",\"thread\":false,\"exit_signal\":\"SIGCHLD\"")
	ev("exec", pid, ",\"ok\":true,\"filename\":\"/bin/w" pid % 97 "\",\"argv\":[\"w" pid % 97 "\",\"-n\",\"" pid "\"],\"exe\":\"/usr/bin/w" pid % 97 "\",\"comm\":\"w" pid % 97 "\"")
	live[n_live] = pid
	par[pid] = parent
	n_live++
}
function finish(i,    pid, code) {
	pid = live[i]
	code = rand() < 0.1 ? 1 : 0
	ev("exit", pid, ",\"group\":true,\"code\":" code ",\"signal\":null,\"core\":false")
	ev("reap", par[pid], ",\"child_pid\":" pid ",\"syscall\":\"wait4\",\"status\":{\"code\":" code "},\"zombie_ns\":50000")
	ev("signal", par[pid], ",\"kind\":\"deliver\",\"sig\":\"SIGCHLD\",\"code\":\"CLD_EXITED\",\"sender_pid\":" pid ",\"disposition\":\"handler\"")
	delete par[pid]
	live[i] = live[--n_live]
}
BEGIN {
	srand(42)
	if (!EVENTS) EVENTS = 1000000
	if (!LIVE) LIVE = 10000
	seq = 0; ts = 0; next_pid = 1000; n_live = 0
	printf "{\"seq\":0,\"ts\":0,\"ev\":\"start\",\"schema\":1,\"tool\":\"proctrace\",\"version\":\"0.1.0\",\"mode\":\"run\",\"argv\":[\"storm\"],\"kernel\":\"synthetic\",\"realtime_ns\":0}\n"
	seq = 1
	ev("exec", 100, ",\"ok\":true,\"filename\":\"/bin/storm\",\"argv\":[\"storm\"],\"exe\":\"/bin/storm\",\"comm\":\"storm\"")
	while (seq < EVENTS - 8) {
		if (n_live < LIVE && (n_live < 100 || rand() < 0.6))
			spawn(100)
		else
			finish(int(rand() * n_live))
	}
	ev("exit", 100, ",\"group\":true,\"code\":0,\"signal\":null,\"core\":false")
	printf "{\"seq\":%d,\"ts\":%d,\"ev\":\"end\",\"events\":%d,\"dropped\":0,\"exit_code\":0}\n", seq, ts + 1000, seq
}
