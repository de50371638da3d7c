# perfetto_check.jq - structural check of a `proctrace export --perfetto` trace.
#
#	jq -r --slurpfile log LOG -f perfetto_check.jq TRACE
#
# prints one line per broken rule (nothing when the trace is sound):
#   * a Chrome trace-event object: traceEvents is an array of objects with
#     ph and an integer pid; every event but metadata has a ts >= 0, and a
#     complete event (X) a dur >= 0;
#   * no pid or tid 0 (Perfetto's idle task);
#   * every flow id has exactly one start (s) and one finish (f), start not
#     after finish, and each end sits on a slice of the flow's category that
#     begins at the end's ts on its pid/tid track (Chrome DevTools binds a
#     flow end to such a slice only; Perfetto to the slice open there);
#   * one track per process incarnation of LOG: one process_name per pid
#     (two incarnations sharing a pid would share a track), as many as the
#     log has incarnations (a non-thread clone each, plus each process seen
#     without one: the launched command, attached ones), one life slice each,
#     whose args.pid is the real pid; every pid of the log has a track;
#   * a thread track's tid belongs to one pid only (no tid shared across
#     incarnations);
#   * every event is on a named process track (the counters' too).

# ts and dur are microseconds with three decimals: exact integer ns
def ns: . * 1000 | round;
def key: "\(.pid)/\(.tid)";
# array difference through an object: jq's a - b is quadratic, and a
# 30,000-process trace has tens of thousands of pids
def minus($b): ($b | map({key: tostring, value: true}) | from_entries) as $s |
	map(select($s[tostring] | not));

.traceEvents as $ev |
($log | map(select(.ev != "start" and .ev != "end"))) as $l |
([$l[] | select(.ev == "clone" and .thread == false) | .child_pid] +
 [$l[] | select(.ev != "reap") | .pid] | unique) as $pids |
([$l[] | select(.ev == "clone" and .thread == false)] | length) as $nclones |
([$l[] | select(.ev == "clone" and .thread == false) | .child_pid] | unique) as $cloned |
($nclones + ($pids | minus($cloned) | length)) as $incarnations |
([.traceEvents[]? | select(.ph == "C") | .pid] | unique) as $counters |
if ($ev | type) != "array" then "traceEvents is not an array"
else
  ($ev | map(select(.ph == "X") | "\(key)/\(.cat)/\(.ts | ns)") |
   map({key: ., value: true}) | from_entries) as $binds |
  ($ev | map(select(.ph == "M" and .name == "process_name") | .pid)) as $named |
  (
    ($ev[] | select(type != "object" or (.ph | type) != "string" or
		    (.pid | type) != "number" or .pid != (.pid | floor)) |
	"not an event with ph and an integer pid: \(tojson)"),
    ($ev[] | select(type == "object" and (.pid == 0 or .tid == 0)) |
	"an event on pid or tid 0 (the idle task in Perfetto): \(tojson)"),
    ($ev[] | select(type == "object" and .ph != "M" and
		    ((.ts | type) != "number" or .ts < 0)) |
	"event without a ts >= 0: \(tojson)"),
    ($ev[] | select(type == "object" and .ph == "X" and
		    ((.dur | type) != "number" or .dur < 0)) |
	"complete event without a dur >= 0: \(tojson)"),
    ($ev | map(select(type == "object" and (.ph == "s" or .ph == "f" or .ph == "t"))) |
	group_by([.cat, .id])[] |
	if (map(select(.ph == "s")) | length) != 1 or
	   (map(select(.ph == "f")) | length) != 1 then
		"flow \(.[0].cat) id \(.[0].id) has \(map(select(.ph == "s")) | length) starts and \(map(select(.ph == "f")) | length) finishes"
	elif (map(select(.ph == "s"))[0].ts | ns) > (map(select(.ph == "f"))[0].ts | ns) then
		"flow \(.[0].cat) id \(.[0].id) finishes before it starts"
	else empty end),
    ($ev[] | select(type == "object" and (.ph == "s" or .ph == "f")) |
	select($binds["\(key)/\(.cat)/\(.ts | ns)"] | not) |
	"flow \(.ph) \(.cat) id \(.id) at \(.ts) on \(key): no \(.cat) slice begins there to bind to"),
    ($named | group_by(.)[] | select(length > 1) |
	"pid \(.[0]) has \(length) process_name records: incarnations share a track"),
    (($named | minus($counters) | length) as $n | select($n != $incarnations) |
	"\($n) process tracks for \($incarnations) process incarnations in the log"),
    (($ev | map(select(.ph == "X" and .cat == "life") | .args.pid) | unique) as $have |
	($pids | minus($have)) | select(length > 0) |
	"processes of the log without a track (by life slice args.pid): \(.)"),
    (($ev | map(select(.ph == "X" and .cat == "life") | .pid) | group_by(.) |
	map({key: (.[0] | tostring), value: length}) | from_entries) as $lifes |
	$named | minus($counters) | unique[] | ($lifes[tostring] // 0) as $n |
	select($n != 1) | "process \(.) has \($n) life slices"),
    ($ev | map(select(.ph == "M" and .name == "thread_name")) | group_by(.tid)[] |
	select(map(.pid) | unique | length > 1) |
	"tid \(.[0].tid) is a thread of pids \(map(.pid) | unique): incarnations share a tid"),
    (($named | unique) as $have |
	[$ev[] | select(type == "object" and .ph != "M") | .pid] | unique | minus($have) |
	select(length > 0) | "events on unnamed process tracks: \(.)")
  )
end
