# pftrace.sh - export --pftrace a log and check it (sourced by tests/pftrace.test
# and tests/lib/scenario.sh after testlib.sh).
#
# pftrace_check LOG OUT: export LOG to OUT, decode it with protoc against the
# committed schema, run pftrace_check.awk over it (unique uuids, parents
# defined, flows with both ends, monotonic timestamps, balanced slices), and
# compare its process and thread tracks with the log's processes (each
# clone, and each pid first seen without one: the traced command, an
# attached process) and threads.  Sets PFT_COUNTS to the awk's count line.
_PFT_TOP=$(cd "$(dirname "$TESTLIB")/../.." && pwd)
_PFT_PROTO=$_PFT_TOP/output/proto/perfetto_trace.proto

pftrace_check() {
	"$PROCTRACE" export --pftrace "$1" -o "$2" 2>"$2.err" ||
		fail "export --pftrace: status $? $(head -c 300 "$2.err")"
	protoc --decode=perfetto.protos.Trace -I"$_PFT_TOP" "$_PFT_PROTO" \
		<"$2" >"$2.txt" 2>"$2.decode.err" ||
		fail "protoc --decode: $(head -c 300 "$2.decode.err")"
	PFT_COUNTS=$(awk -f "$(dirname "$TESTLIB")/pftrace_check.awk" "$2.txt") ||
		fail "$(printf '%s\n' "$PFT_COUNTS" | head -n 5)"
	_pft_want=$(jq -rs '
		[.[] | select(.ev == "clone" and .thread == false)] as $c |
		([$c[] | {key: (.child_pid | tostring), value: .seq}] |
			group_by(.key) | map({key: .[0].key, value: (map(.value) | min)}) |
			from_entries) as $first_clone |
		([.[] | select(.pid != null) | {key: (.pid | tostring), value: .seq}] |
			group_by(.key) | map({key: .[0].key, value: (map(.value) | min)})) as $first_ev |
		(($c | length) + ([$first_ev[] |
			select(($first_clone[.key] // 1e18) > .value)] | length)) as $p |
		([.[] | select(.ev == "clone" and .thread == true)] | length) as $t |
		"processes=\($p) threads=\($t)"' "$1") ||
		fail "jq on the log failed"
	case "$PFT_COUNTS" in
	*" $_pft_want "*) ;;
	*) fail "pftrace: tracks $PFT_COUNTS, the log has $_pft_want" ;;
	esac
}
