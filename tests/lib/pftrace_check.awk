# pftrace_check.awk - check a Perfetto trace decoded by
#   protoc --decode=perfetto.protos.Trace output/proto/perfetto_trace.proto
# Prints one line per problem found, then the counts on the last line:
#   tracks=N processes=N threads=N slices=N flows=N
# Problems: a uuid defined twice, a parent_uuid or track_uuid never defined,
# a flow without both ends, a timestamp going back within its sequence, a
# slice end without a begin or a slice left open.
function fail(msg) { print "pftrace_check: " msg; bad++ }

/\{$/ {
	blk = $1
	stack[++depth] = blk
	if (depth == 1) { ts = ""; seqid = "" }
	if (depth == 2 && blk == "track_event") { te_track = ""; te_type = "" }
	next
}
/^ *\}$/ {
	if (depth == 2 && stack[2] == "track_event")
		track_event_done()
	if (depth == 1)
		packet_done()
	depth--
	next
}
depth == 1 && $1 == "timestamp:" { ts = $2 }
depth == 1 && $1 == "trusted_packet_sequence_id:" { seqid = $2 }
depth == 2 && stack[2] == "track_descriptor" {
	if ($1 == "uuid:") {
		if ($2 in track)
			fail("uuid " $2 " defined twice")
		track[$2] = 1; cur_uuid = $2; ntracks++
	}
	if ($1 == "parent_uuid:") parent[cur_uuid] = $2
	if ($1 == "name:" && $2 ~ /^"pid$/) nproc++
	if ($1 == "name:" && $2 ~ /^"thread$/) nthread++
}
depth == 2 && stack[2] == "track_event" {
	if ($1 == "track_uuid:") te_track = $2
	if ($1 == "type:") te_type = $2
	if ($1 == "flow_ids:") {
		if ($2 in flow_start) fail("flow " $2 " starts twice")
		flow_start[$2] = 1; nflows++
	}
	if ($1 == "terminating_flow_ids:") {
		if ($2 in flow_end) fail("flow " $2 " ends twice")
		flow_end[$2] = 1
	}
}

function track_event_done() {
	if (!(te_track in track))
		fail("event on undefined track " te_track)
	if (te_type == "TYPE_SLICE_BEGIN") { open[te_track]++; nslices++ }
	if (te_type == "TYPE_SLICE_END" && --open[te_track] < 0)
		fail("slice end without begin on track " te_track)
}

function packet_done() {
	if (seqid == "") fail("packet without a sequence id")
	if (ts != "") {
		if ((seqid in last) && ts + 0 < last[seqid] + 0)
			fail("timestamp " ts " before " last[seqid] " in sequence " seqid)
		last[seqid] = ts
	}
}

END {
	for (u in parent)
		if (!(parent[u] in track))
			fail("track " u ": parent_uuid " parent[u] " undefined")
	for (f in flow_start)
		if (!(f in flow_end)) fail("flow " f " has no end")
	for (f in flow_end)
		if (!(f in flow_start)) fail("flow " f " has no start")
	for (t in open)
		if (open[t] > 0) fail("track " t ": " open[t] " slices left open")
	printf "tracks=%d processes=%d threads=%d slices=%d flows=%d\n", \
		ntracks, nproc, nthread, nslices, nflows
	exit bad > 0
}
