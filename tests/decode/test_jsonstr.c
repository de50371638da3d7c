/* test_jsonstr.c - jsonstr escapes and round trips; golden lines of the JSON, text and summary sinks. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <json-c/json.h>

#include "output/json_sink.h"
#include "event/jsonstr.h"
#include "output/summary_sink.h"
#include "output/text_sink.h"

static int failures;

#define FAIL(...)                                                    \
	do {                                                         \
		fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__); \
		fprintf(stderr, __VA_ARGS__);                        \
		fputc('\n', stderr);                                 \
		failures++;                                          \
	} while (0)

/* For printing what a failed run returned. */
static const char *nz(const char *s)
{
	return s ? s : "(null)";
}

/* Bytes with their length, so inputs may hold NUL. */
#define B(s) s, sizeof(s) - 1

/* ---- jsonstr_write: {input bytes, expected JSON text} ---- */

/* clang-format off */
static const struct {
	const char *in;
	size_t len;
	const char *want;
} jsonstr_cases[] = {
	{ B(""), "\"\"" },
	{ B("hello world"), "\"hello world\"" },
	{ B("a\"b"), "\"a\\\"b\"" },
	/* a backslash is doubled, then JSON-escaped: four in the text */
	{ B("a\\b"), "\"a\\\\\\\\b\"" },
	{ B("\\x41"), "\"\\\\\\\\x41\"" },
	{ B("\n\t\r\b\f"), "\"\\n\\t\\r\\b\\f\"" },
	{ B("\x01\x1f\x7f"), "\"\\u0001\\u001f\\u007f\"" },
	{ B("a\0b"), "\"a\\u0000b\"" },
	{ B("\x1b[31m"), "\"\\u001b[31m\"" },
	/* valid multibyte UTF-8 stays as is */
	{ B("caf\xc3\xa9"), "\"caf\xc3\xa9\"" },
	{ B("\xe2\x82\xac"), "\"\xe2\x82\xac\"" },
	{ B("\xf0\x9f\x98\x80"), "\"\xf0\x9f\x98\x80\"" },
	{ B("\xf4\x8f\xbf\xbf"), "\"\xf4\x8f\xbf\xbf\"" },	/* U+10FFFF */
	{ B("\xef\xbf\xbd"), "\"\xef\xbf\xbd\"" },		/* U+FFFD */
	{ B("\xc2\x80"), "\"\xc2\x80\"" },			/* U+0080 */
	/* above U+10FFFF */
	{ B("\xf4\x90\x80\x80"), "\"\\\\xf4\\\\x90\\\\x80\\\\x80\"" },
	/* overlong forms */
	{ B("\xc0\xaf"), "\"\\\\xc0\\\\xaf\"" },
	{ B("\xc1\xbf"), "\"\\\\xc1\\\\xbf\"" },
	{ B("\xe0\x80\xaf"), "\"\\\\xe0\\\\x80\\\\xaf\"" },
	{ B("\xf0\x80\x80\xaf"), "\"\\\\xf0\\\\x80\\\\x80\\\\xaf\"" },
	/* UTF-16 surrogates encoded in UTF-8 */
	{ B("\xed\xa0\x80"), "\"\\\\xed\\\\xa0\\\\x80\"" },
	{ B("\xed\xbf\xbf"), "\"\\\\xed\\\\xbf\\\\xbf\"" },
	{ B("\xed\x9f\xbf"), "\"\xed\x9f\xbf\"" },		/* U+D7FF is fine */
	/* truncated sequences */
	{ B("\xe2\x82"), "\"\\\\xe2\\\\x82\"" },
	{ B("\xe2\x82" "A"), "\"\\\\xe2\\\\x82A\"" },
	{ B("\xf0\x9f\x98"), "\"\\\\xf0\\\\x9f\\\\x98\"" },
	{ B("x\xc3"), "\"x\\\\xc3\"" },
	/* stray bytes, then valid text resumes */
	{ B("\x80"), "\"\\\\x80\"" },
	{ B("\xff"), "\"\\\\xff\"" },
	{ B("\xfe\xff"), "\"\\\\xfe\\\\xff\"" },
	{ B("\xff\xc3\xa9"), "\"\\\\xff\xc3\xa9\"" },
	{ B("\xc3\xc3\xa9"), "\"\\\\xc3\xc3\xa9\"" },
	{ B("\\\xff"), "\"\\\\\\\\\\\\xff\"" },
};
/* clang-format on */

static void test_jsonstr_write(void)
{
	for (size_t i = 0; i < sizeof(jsonstr_cases) / sizeof(jsonstr_cases[0]);
	     i++) {
		const char *in = jsonstr_cases[i].in;
		size_t len = jsonstr_cases[i].len;
		char *buf = NULL, raw[64];
		size_t size = 0;
		FILE *f = open_memstream(&buf, &size);
		struct json_object *obj;
		long n;

		if (!f || jsonstr_write(f, in, len) != 0) {
			FAIL("case %zu: jsonstr_write failed", i);
			continue;
		}
		fclose(f);
		if (strcmp(buf, jsonstr_cases[i].want) != 0)
			FAIL("case %zu: got %s, want %s", i, buf,
			     jsonstr_cases[i].want);

		/* Round trip: a real JSON parser, then jsonstr_to_raw. */
		obj = json_tokener_parse(buf);
		if (!obj || !json_object_is_type(obj, json_type_string)) {
			FAIL("case %zu: %s is not a JSON string", i, buf);
		} else {
			n = jsonstr_to_raw(
				raw, sizeof(raw), json_object_get_string(obj),
				(size_t)json_object_get_string_len(obj));
			if (n != (long)len || memcmp(raw, in, len) != 0)
				FAIL("case %zu: round trip of %s gave %ld bytes",
				     i, buf, n);
		}
		json_object_put(obj);
		free(buf);
	}
}

/* ---- jsonstr_to_raw on its own ---- */

/* clang-format off */
static const struct {
	const char *in;
	size_t len;
	long want_len;
	const char *want;	/* raw bytes, want_len of them */
} to_raw_cases[] = {
	{ B("plain"), 5, "plain" },
	{ B("a\\\\b"), 3, "a\\b" },
	{ B("\\xff\\x00\\xAb"), 3, "\xff\0\xab" },
	{ B("\\\\x41"), 4, "\\x41" },
	{ B("caf\xc3\xa9"), 5, "caf\xc3\xa9" },
	{ B("\\"), -1, NULL },		/* lone backslash */
	{ B("a\\"), -1, NULL },
	{ B("\\x4"), -1, NULL },	/* one hex digit */
	{ B("\\xg0"), -1, NULL },
	{ B("\\q"), -1, NULL },
	{ B("\\u0041"), -1, NULL },
};
/* clang-format on */

static void test_jsonstr_to_raw(void)
{
	char buf[32];
	long n;

	for (size_t i = 0; i < sizeof(to_raw_cases) / sizeof(to_raw_cases[0]);
	     i++) {
		n = jsonstr_to_raw(buf, sizeof(buf), to_raw_cases[i].in,
				   to_raw_cases[i].len);
		if (n != to_raw_cases[i].want_len)
			FAIL("to_raw case %zu: length %ld, want %ld", i, n,
			     to_raw_cases[i].want_len);
		else if (n >= 0 &&
			 (memcmp(buf, to_raw_cases[i].want, (size_t)n) ||
			  buf[n] != '\0'))
			FAIL("to_raw case %zu: wrong bytes", i);
	}

	/* snprintf semantics: the full length, truncated output, NUL. */
	memset(buf, 'Z', sizeof(buf));
	n = jsonstr_to_raw(buf, 3, B("ab\\\\cd"));
	if (n != 5 || memcmp(buf, "ab", 3) != 0 || buf[3] != 'Z')
		FAIL("to_raw truncation: %ld \"%.3s\"", n, buf);
	n = jsonstr_to_raw(NULL, 0, B("abc"));
	if (n != 3)
		FAIL("to_raw size 0: %ld", n);
}

/* ---- golden events ---- */

#define S(s) ((char *)(s))

/* clang-format off */
static char *const argv_nope[] = { S("nope"), S("a\nb"), NULL };
static char *const argv_long[] = { S("echo"),
				   S("a very long argument truncated here"),
				   S("\xff\\"), NULL };
static char *const env_one[] = { S("HOME=/root"), NULL };
static char *const argv_true[] = { S("true"), NULL };
static char *const argv_cut[] = { S("x"), NULL };

static const struct ev_frame frames[] = {
	{ .ip = 0x401136, .sym = "main", .off = 0x1c, .module = "/usr/bin/x",
	  .file = "x.c", .line = 12 },
	{ .ip = 0x7f0000001000 },
	/* no symbol: the offset is from the module's start */
	{ .ip = 0x7f0000002eda, .off = 0x1eda, .module = "/usr/lib/libz.so.1" },
};

static const struct ev_region regions[] = {
	{ .start = 0x400000, .end = 0x401000, .offset = 0, .perm = "r-xp",
	  .path = "/usr/bin/x" },
	{ .start = 0x7f0000000000, .end = 0x7f0000021000, .offset = 0x1000,
	  .perm = "rwxp", .path = "", .wx = true },
};

static const gid_t groups_root[] = { 0 };
static const gid_t groups_user[] = { 1000, 27 };
static const pid_t attach_pids[] = { 4711, 4712 };
/* clang-format on */

/* clang-format off */
static const struct {
	struct pt_event ev;
	const char *json;
	const char *text;	/* strsize 32, no timestamps */
} golden[] = {
	{ { .kind = EV_START, .seq = 0, .ts = 0,
	    .u.start = { .schema = 1, .tool = "proctrace", .version = "0.1.0",
			 .argv = { argv_true, 1, false }, .kernel = "6.1.0",
			 .realtime_ns = 1700000000000000000ull } },
	  "{\"seq\":0,\"ts\":0,\"ev\":\"start\",\"schema\":1,\"tool\":\"proctrace\","
	  "\"version\":\"0.1.0\",\"mode\":\"run\",\"argv\":[\"true\"],"
	  "\"kernel\":\"6.1.0\",\"realtime_ns\":1700000000000000000}\n",
	  "" },
	{ { .kind = EV_START, .seq = 0, .ts = 0,
	    .u.start = { .schema = 1, .tool = "proctrace", .version = "0.1.0",
			 .attach_mode = true, .attach_pids = attach_pids,
			 .n_attach_pids = 2, .kernel = "6.1.0" } },
	  "{\"seq\":0,\"ts\":0,\"ev\":\"start\",\"schema\":1,\"tool\":\"proctrace\","
	  "\"version\":\"0.1.0\",\"mode\":\"attach\",\"attach_pids\":[4711,4712],"
	  "\"kernel\":\"6.1.0\",\"realtime_ns\":0}\n",
	  "" },
	{ { .kind = EV_ATTACH, .seq = 1, .ts = 10, .pid = 1235, .tid = 1235,
	    .u.attach = { .comm = "sleep" } },
	  "{\"seq\":1,\"ts\":10,\"ev\":\"attach\",\"pid\":1235,\"tid\":1235,"
	  "\"comm\":\"sleep\"}\n",
	  "[1235] attached comm=\"sleep\"\n" },
	/* a clone: flags in table order, CSIGNAL only in flags_raw */
	{ { .kind = EV_CLONE, .seq = 3, .ts = 1000, .pid = 1234, .tid = 1234,
	    .u.clone = { .child_pid = 1235, .child_tid = 1235,
			 .syscall = CS_CLONE, .flags = 0x01200000,
			 .flags_raw = 0x01200011, .exit_signal = 17 } },
	  "{\"seq\":3,\"ts\":1000,\"ev\":\"clone\",\"pid\":1234,\"tid\":1234,"
	  "\"child_pid\":1235,\"child_tid\":1235,\"syscall\":\"clone\","
	  "\"flags\":[\"CLONE_CHILD_CLEARTID\",\"CLONE_CHILD_SETTID\"],"
	  "\"flags_raw\":\"0x1200011\",\"thread\":false,\"exit_signal\":\"SIGCHLD\"}\n",
	  "[1234] clone(CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD) = 1235\n" },
	{ { .kind = EV_CLONE, .seq = 4, .ts = 1001, .pid = 1234, .tid = 1234,
	    .u.clone = { .child_pid = 1236, .child_tid = 1236, .syscall = CS_FORK,
			 .flags_raw = 0x11, .exit_signal = 17 } },
	  "{\"seq\":4,\"ts\":1001,\"ev\":\"clone\",\"pid\":1234,\"tid\":1234,"
	  "\"child_pid\":1236,\"child_tid\":1236,\"syscall\":\"fork\","
	  "\"flags\":[],\"flags_raw\":\"0x11\",\"thread\":false,"
	  "\"exit_signal\":\"SIGCHLD\"}\n",
	  "[1234] fork() = 1236\n" },
	/* a thread by clone3 from a non-leader, in a nested pid ns; an
	 * unnamed bit goes into the array as hex */
	{ { .kind = EV_CLONE, .seq = 5, .ts = 1002, .pid = 1234, .tid = 1239,
	    .nspid = { 1234, 7 }, .n_nspid = 2,
	    .u.clone = { .child_pid = 1234, .child_tid = 1240,
			 .syscall = CS_CLONE3, .flags = 0x400010900ull,
			 .flags_raw = 0x400010900ull, .thread = true } },
	  "{\"seq\":5,\"ts\":1002,\"ev\":\"clone\",\"pid\":1234,\"tid\":1239,"
	  "\"nspid\":[1234,7],\"child_pid\":1234,\"child_tid\":1240,"
	  "\"syscall\":\"clone3\",\"flags\":[\"CLONE_VM\",\"CLONE_SIGHAND\","
	  "\"CLONE_THREAD\",\"0x400000000\"],\"flags_raw\":\"0x400010900\","
	  "\"thread\":true,\"exit_signal\":null}\n",
	  "[1234/1239] clone3({flags=CLONE_VM|CLONE_SIGHAND|CLONE_THREAD|"
	  "0x400000000, exit_signal=0}) = 1240 (thread)\n" },
	/* a failed exec */
	{ { .kind = EV_EXEC, .seq = 6, .ts = 2000, .pid = 1235, .tid = 1235,
	    .u.exec = { .ok = false, .filename = "/nope",
			.argv = { argv_nope, 2, false }, .err = 2 } },
	  "{\"seq\":6,\"ts\":2000,\"ev\":\"exec\",\"pid\":1235,\"tid\":1235,"
	  "\"ok\":false,\"filename\":\"/nope\",\"argv\":[\"nope\",\"a\\nb\"],"
	  "\"errno\":\"ENOENT\"}\n",
	  "[1235] execve(\"/nope\", [\"nope\", \"a\\nb\"]) = -1 ENOENT\n" },
	/* a successful exec by a thread, with env, -s cut, invalid UTF-8 */
	{ { .kind = EV_EXEC, .seq = 7, .ts = 2001, .pid = 1234, .tid = 1234,
	    .u.exec = { .ok = true, .filename = "/bin/echo",
			.argv = { argv_long, 3, false },
			.envp = { env_one, 1, true }, .exe = "/usr/bin/echo",
			.comm = "echo", .old_tid = 1240 } },
	  "{\"seq\":7,\"ts\":2001,\"ev\":\"exec\",\"pid\":1234,\"tid\":1234,"
	  "\"ok\":true,\"filename\":\"/bin/echo\",\"argv\":[\"echo\","
	  "\"a very long argument truncated here\",\"\\\\xff\\\\\\\\\"],"
	  "\"env\":[\"HOME=/root\"],\"env_truncated\":true,"
	  "\"exe\":\"/usr/bin/echo\",\"comm\":\"echo\",\"old_tid\":1240}\n",
	  "[1234] execve(\"/bin/echo\", [\"echo\", \"a very long argument truncated h\"..., "
	  "\"\\xff\\\\\"], env=[\"HOME=/root\", ...]) = 0 <exe /usr/bin/echo> "
	  "(by thread 1240)\n" },
	{ { .kind = EV_EXEC, .seq = 8, .ts = 2002, .pid = 1237, .tid = 1237,
	    .u.exec = { .ok = true, .filename = NULL,
			.argv = { argv_cut, 1, true }, .exe = "/x",
			.comm = "x" } },
	  "{\"seq\":8,\"ts\":2002,\"ev\":\"exec\",\"pid\":1237,\"tid\":1237,"
	  "\"ok\":true,\"filename\":null,\"argv\":[\"x\"],\"argv_truncated\":true,"
	  "\"exe\":\"/x\",\"comm\":\"x\"}\n",
	  "[1237] execve(?, [\"x\", ...]) = 0 <exe /x>\n" },
	/* exit: killed by SIGSEGV with core; a thread; status unknown */
	{ { .kind = EV_EXIT, .seq = 9, .ts = 3000, .pid = 1235, .tid = 1235,
	    .u.exit = { .group = true, .code_known = true,
			.st = { .signaled = true, .sig = 11, .core = true } } },
	  "{\"seq\":9,\"ts\":3000,\"ev\":\"exit\",\"pid\":1235,\"tid\":1235,"
	  "\"group\":true,\"code\":null,\"signal\":\"SIGSEGV\",\"core\":true}\n",
	  "[1235] +++ killed by SIGSEGV (core dumped) +++\n" },
	{ { .kind = EV_EXIT, .seq = 10, .ts = 3001, .pid = 1234, .tid = 1240,
	    .u.exit = { .group = false, .code_known = true, .st = { .code = 0 } } },
	  "{\"seq\":10,\"ts\":3001,\"ev\":\"exit\",\"pid\":1234,\"tid\":1240,"
	  "\"group\":false,\"code\":0,\"signal\":null,\"core\":false}\n",
	  "[1234/1240] +++ thread exited with 0 +++\n" },
	{ { .kind = EV_EXIT, .seq = 11, .ts = 3002, .pid = 1236, .tid = 1236,
	    .u.exit = { .group = true, .code_known = false } },
	  "{\"seq\":11,\"ts\":3002,\"ev\":\"exit\",\"pid\":1236,\"tid\":1236,"
	  "\"group\":true,\"code\":null,\"signal\":null,\"core\":false}\n",
	  "[1236] +++ exited (status unknown) +++\n" },
	/* reaps: with zombie time; killed; inferred without syscall */
	{ { .kind = EV_REAP, .seq = 12, .ts = 4000, .pid = 1234, .tid = 1234,
	    .u.reap = { .child_pid = 1235, .syscall = WS_WAIT4,
			.st = { .code = 0 }, .zombie_ns = 301234567 } },
	  "{\"seq\":12,\"ts\":4000,\"ev\":\"reap\",\"pid\":1234,\"tid\":1234,"
	  "\"child_pid\":1235,\"syscall\":\"wait4\",\"status\":{\"code\":0},"
	  "\"zombie_ns\":301234567}\n",
	  "[1234] reaped 1235 (exit 0) after 301.2 ms as zombie (wait4)\n" },
	{ { .kind = EV_REAP, .seq = 13, .ts = 4001, .pid = 1234, .tid = 1234,
	    .u.reap = { .child_pid = 1235, .syscall = WS_WAITID,
			.st = { .signaled = true, .sig = 9 }, .zombie_ns = 12345 } },
	  "{\"seq\":13,\"ts\":4001,\"ev\":\"reap\",\"pid\":1234,\"tid\":1234,"
	  "\"child_pid\":1235,\"syscall\":\"waitid\",\"status\":{\"signal\":"
	  "\"SIGKILL\",\"core\":false},\"zombie_ns\":12345}\n",
	  "[1234] reaped 1235 (killed by SIGKILL) after 12 us as zombie (waitid)\n" },
	{ { .kind = EV_REAP, .seq = 14, .ts = 4002, .pid = 1, .tid = 1,
	    .inferred = true, .ts_lo = 3900,
	    .u.reap = { .child_pid = 1236, .syscall = WS_UNKNOWN,
			.st = { .code = 0 }, .zombie_ns = 51300000 } },
	  "{\"seq\":14,\"ts\":4002,\"ev\":\"reap\",\"pid\":1,\"tid\":1,"
	  "\"inferred\":true,\"ts_lo\":3900,\"child_pid\":1236,\"syscall\":null,"
	  "\"status\":{\"code\":0},\"zombie_ns\":51300000}\n",
	  "[1] reaped 1236 (exit 0) after <= 51.3 ms as zombie (inferred)\n" },
	{ { .kind = EV_REAP, .seq = 14, .ts = 4002, .pid = 1234, .tid = 1234,
	    .inferred = true, .ts_lo = 3990,
	    .u.reap = { .child_pid = 1236, .syscall = WS_UNKNOWN,
			.st = { .code = 0 }, .zombie_ns = 105000,
			.via = RV_PIDFD } },
	  "{\"seq\":14,\"ts\":4002,\"ev\":\"reap\",\"pid\":1234,\"tid\":1234,"
	  "\"inferred\":true,\"ts_lo\":3990,\"child_pid\":1236,\"syscall\":null,"
	  "\"status\":{\"code\":0},\"zombie_ns\":105000,\"via\":\"pidfd\"}\n",
	  "[1234] reaped 1236 (exit 0) after <= 105 us as zombie (pidfd)\n" },
	{ { .kind = EV_REAP, .seq = 15, .ts = 4003, .pid = 1234, .tid = 1234,
	    .u.reap = { .child_pid = 1237, .syscall = WS_WAIT4,
			.st = { .code = 3 }, .zombie_ns = -1 } },
	  "{\"seq\":15,\"ts\":4003,\"ev\":\"reap\",\"pid\":1234,\"tid\":1234,"
	  "\"child_pid\":1237,\"syscall\":\"wait4\",\"status\":{\"code\":3},"
	  "\"zombie_ns\":null}\n",
	  "[1234] reaped 1237 (exit 3) (wait4)\n" },
	{ { .kind = EV_REPARENT, .seq = 16, .ts = 5000, .pid = 1236, .tid = 1236,
	    .u.reparent = { .old_ppid = 1234, .new_ppid = 1 } },
	  "{\"seq\":16,\"ts\":5000,\"ev\":\"reparent\",\"pid\":1236,"
	  "\"old_ppid\":1234,\"new_ppid\":1}\n",
	  "[1236] reparented from 1234 to 1 (orphan)\n" },
	/* signals */
	{ { .kind = EV_SIGNAL, .seq = 17, .ts = 6000, .pid = 1235, .tid = 1235,
	    .u.signal = { .kind = SK_DELIVER, .sig = 11, .code = 1,
			  .has_addr = true, .addr = 0,
			  .disposition = SD_DEFAULT } },
	  "{\"seq\":17,\"ts\":6000,\"ev\":\"signal\",\"pid\":1235,\"tid\":1235,"
	  "\"kind\":\"deliver\",\"sig\":\"SIGSEGV\",\"code\":\"SEGV_MAPERR\","
	  "\"addr\":\"0x0\",\"disposition\":\"default\"}\n",
	  "[1235] --- SIGSEGV {si_code=SEGV_MAPERR, si_addr=0x0} default ---\n" },
	{ { .kind = EV_SIGNAL, .seq = 18, .ts = 6001, .pid = 1234, .tid = 1234,
	    .u.signal = { .kind = SK_DELIVER, .sig = 17, .code = 1,
			  .has_sender = true, .sender_pid = 1235,
			  .disposition = SD_HANDLER } },
	  "{\"seq\":18,\"ts\":6001,\"ev\":\"signal\",\"pid\":1234,\"tid\":1234,"
	  "\"kind\":\"deliver\",\"sig\":\"SIGCHLD\",\"code\":\"CLD_EXITED\","
	  "\"sender_pid\":1235,\"disposition\":\"handler\"}\n",
	  "[1234] --- SIGCHLD {si_code=CLD_EXITED, si_pid=1235} handler ---\n" },
	{ { .kind = EV_SIGNAL, .seq = 19, .ts = 6002, .pid = 1234, .tid = 1234,
	    .u.signal = { .kind = SK_SEND, .sig = 15, .target_pid = 1235,
			  .syscall = SS_KILL, .result = 3 } },
	  "{\"seq\":19,\"ts\":6002,\"ev\":\"signal\",\"pid\":1234,\"tid\":1234,"
	  "\"kind\":\"send\",\"sig\":\"SIGTERM\",\"target_pid\":1235,"
	  "\"target_tid\":null,\"syscall\":\"kill\",\"result\":\"ESRCH\"}\n",
	  "[1234] kill(1235, SIGTERM) = -1 ESRCH\n" },
	{ { .kind = EV_SIGNAL, .seq = 20, .ts = 6003, .pid = 1234, .tid = 1234,
	    .inferred = true, .ts_lo = 5000,
	    .u.signal = { .kind = SK_SEND, .sig = 10, .target_pid = 1235,
			  .syscall = SS_KILL } },
	  "{\"seq\":20,\"ts\":6003,\"ev\":\"signal\",\"pid\":1234,\"tid\":1234,"
	  "\"inferred\":true,\"ts_lo\":5000,\"kind\":\"send\",\"sig\":\"SIGUSR1\","
	  "\"target_pid\":1235,\"target_tid\":null,\"syscall\":\"kill\","
	  "\"result\":0}\n",
	  "[1234] kill(1235, SIGUSR1) = 0 (inferred)\n" },
	{ { .kind = EV_SIGNAL, .seq = 21, .ts = 6004, .pid = 1234, .tid = 1234,
	    .u.signal = { .kind = SK_SEND, .sig = 10, .target_pid = 1234,
			  .target_tid = 1240, .syscall = SS_TGKILL } },
	  "{\"seq\":21,\"ts\":6004,\"ev\":\"signal\",\"pid\":1234,\"tid\":1234,"
	  "\"kind\":\"send\",\"sig\":\"SIGUSR1\",\"target_pid\":1234,"
	  "\"target_tid\":1240,\"syscall\":\"tgkill\",\"result\":0}\n",
	  "[1234] tgkill(1234, 1240, SIGUSR1) = 0\n" },
	{ { .kind = EV_SIGNAL, .seq = 22, .ts = 6005, .pid = 1235, .tid = 1235,
	    .u.signal = { .kind = SK_STOP, .sig = 19 } },
	  "{\"seq\":22,\"ts\":6005,\"ev\":\"signal\",\"pid\":1235,\"tid\":1235,"
	  "\"kind\":\"stop\",\"sig\":\"SIGSTOP\"}\n",
	  "[1235] --- stopped by SIGSTOP ---\n" },
	{ { .kind = EV_SIGNAL, .seq = 23, .ts = 6006, .pid = 1235, .tid = 1235,
	    .u.signal = { .kind = SK_CONT, .sig = 18 } },
	  "{\"seq\":23,\"ts\":6006,\"ev\":\"signal\",\"pid\":1235,\"tid\":1235,"
	  "\"kind\":\"cont\",\"sig\":\"SIGCONT\"}\n",
	  "[1235] --- continued ---\n" },
	/* creds, ns, vma, plt, state */
	{ { .kind = EV_CREDS, .seq = 24, .ts = 7000, .pid = 1235, .tid = 1235,
	    .u.creds = { .cause = "setuid",
			 .before = { .uid = { 0, 0, 0, 0 }, .gid = { 0, 0, 0, 0 },
				     .groups = groups_root, .n_groups = 1,
				     .cap_eff = 0x1ffffffffffull,
				     .cap_prm = 0x1ffffffffffull,
				     .cap_bnd = 0x1ffffffffffull },
			 .after = { .uid = { 1000, 1000, 1000, 1000 },
				    .gid = { 0, 0, 0, 0 },
				    .groups = groups_user, .n_groups = 2,
				    .cap_bnd = 0x1ffffffffffull,
				    .no_new_privs = true, .seccomp = 2 },
			 .note = "set-uid bit ignored because traced" } },
	  "{\"seq\":24,\"ts\":7000,\"ev\":\"creds\",\"pid\":1235,\"tid\":1235,"
	  "\"cause\":\"setuid\",\"before\":{\"uid\":[0,0,0,0],\"gid\":[0,0,0,0],"
	  "\"groups\":[0],\"cap_eff\":\"0x1ffffffffff\",\"cap_prm\":"
	  "\"0x1ffffffffff\",\"cap_inh\":\"0x0\",\"cap_bnd\":\"0x1ffffffffff\","
	  "\"cap_amb\":\"0x0\",\"no_new_privs\":false,\"seccomp\":0},"
	  "\"after\":{\"uid\":[1000,1000,1000,1000],\"gid\":[0,0,0,0],"
	  "\"groups\":[1000,27],\"cap_eff\":\"0x0\",\"cap_prm\":\"0x0\","
	  "\"cap_inh\":\"0x0\",\"cap_bnd\":\"0x1ffffffffff\",\"cap_amb\":\"0x0\","
	  "\"no_new_privs\":true,\"seccomp\":2},"
	  "\"note\":\"set-uid bit ignored because traced\"}\n",
	  "[1235] creds (setuid): uid 0->1000, groups [0]->[1000,27], "
	  "cap_eff 0x1ffffffffff->0x0 (-41, none left), "
	  "cap_prm 0x1ffffffffff->0x0 (-41, none left), "
	  "no_new_privs 0->1, seccomp 0->2 (set-uid bit ignored because traced)\n" },
	{ { .kind = EV_NS, .seq = 25, .ts = 7001, .pid = 4711, .tid = 4711,
	    .u.ns = { .cause = "unshare",
		      .from = { [NS_MNT] = 4026531841, [NS_UTS] = 4026531838 },
		      .to = { [NS_MNT] = 4026532200, [NS_UTS] = 4026532201 },
		      .changed = 1u << NS_MNT | 1u << NS_UTS,
		      .flags = 0x04020000 } },
	  "{\"seq\":25,\"ts\":7001,\"ev\":\"ns\",\"pid\":4711,\"tid\":4711,"
	  "\"cause\":\"unshare\",\"changed\":{\"mnt\":{\"from\":4026531841,"
	  "\"to\":4026532200},\"uts\":{\"from\":4026531838,\"to\":4026532201}},"
	  "\"flags\":[\"CLONE_NEWNS\",\"CLONE_NEWUTS\"]}\n",
	  "[4711] unshare(CLONE_NEWNS|CLONE_NEWUTS): mnt 4026531841->4026532200, "
	  "uts 4026531838->4026532201\n" },
	{ { .kind = EV_VMA, .seq = 26, .ts = 7002, .pid = 4711, .tid = 4712,
	    .u.vma = { .op = VO_MAP, .cause = "mmap", .regions = regions,
		       .n_regions = 2 } },
	  "{\"seq\":26,\"ts\":7002,\"ev\":\"vma\",\"pid\":4711,\"op\":\"map\","
	  "\"cause\":\"mmap\",\"regions\":[{\"start\":\"0x400000\",\"end\":"
	  "\"0x401000\",\"perm\":\"r-xp\",\"offset\":\"0x0\",\"path\":"
	  "\"/usr/bin/x\"},{\"start\":\"0x7f0000000000\",\"end\":"
	  "\"0x7f0000021000\",\"perm\":\"rwxp\",\"offset\":\"0x1000\","
	  "\"path\":\"\",\"wx\":true}]}\n",
	  "[4711] vma map 0x400000-0x401000 r-xp /usr/bin/x\n"
	  "[4711] vma map 0x7f0000000000-0x7f0000021000 rwxp [wx]\n" },
	{ { .kind = EV_PLT, .seq = 27, .ts = 7003, .pid = 4711, .tid = 4711,
	    .u.plt = { .symbol = "atoi", .object = "/usr/bin/x", .plt = 0x401030,
		       .got = 0x404018, .target = 0x7f00000a1b20,
		       .target_sym = "atoi",
		       .target_object = "/lib/x86_64-linux-gnu/libc.so.6",
		       .bound = false, .caller = 0x40115a,
		       .caller_sym = "main+0x2a" } },
	  "{\"seq\":27,\"ts\":7003,\"ev\":\"plt\",\"pid\":4711,\"tid\":4711,"
	  "\"symbol\":\"atoi\",\"object\":\"/usr/bin/x\",\"plt\":\"0x401030\","
	  "\"got\":\"0x404018\",\"target\":\"0x7f00000a1b20\",\"target_sym\":"
	  "\"atoi\",\"target_object\":\"/lib/x86_64-linux-gnu/libc.so.6\","
	  "\"bound\":false,\"caller\":\"0x40115a\",\"caller_sym\":\"main+0x2a\"}\n",
	  "[4711] atoi@plt -> libc.so.6:atoi (0x7f00000a1b20) from main+0x2a "
	  "[lazy]\n" },
	{ { .kind = EV_STATE, .seq = 28, .ts = 7004, .pid = 1235, .tid = 1235,
	    .u.state = { .from = 'S', .to = 'Z' } },
	  "{\"seq\":28,\"ts\":7004,\"ev\":\"state\",\"pid\":1235,\"tid\":1235,"
	  "\"from\":\"S\",\"to\":\"Z\"}\n",
	  "[1235] state S->Z\n" },
	/* a stack under an event */
	{ { .kind = EV_DETACH, .seq = 29, .ts = 8000, .pid = 1235, .tid = 1236,
	    .stack = frames, .n_stack = 3 },
	  "{\"seq\":29,\"ts\":8000,\"ev\":\"detach\",\"pid\":1235,\"tid\":1236,"
	  "\"stack\":[{\"ip\":\"0x401136\",\"sym\":\"main\",\"off\":\"0x1c\","
	  "\"module\":\"/usr/bin/x\",\"file\":\"x.c\",\"line\":12},"
	  "{\"ip\":\"0x7f0000001000\"},"
	  "{\"ip\":\"0x7f0000002eda\",\"off\":\"0x1eda\","
	  "\"module\":\"/usr/lib/libz.so.1\"}]}\n",
	  "[1235/1236] detached\n"
	  "    at main+0x1c (/usr/bin/x) x.c:12\n"
	  "    at 0x7f0000001000\n"
	  "    at 0x7f0000002eda (/usr/lib/libz.so.1+0x1eda)\n" },
	{ { .kind = EV_END, .seq = 30, .ts = 9000,
	    .u.end = { .events = 31, .dropped = 0, .has_exit_code = true,
		       .exit_code = 139 } },
	  "{\"seq\":30,\"ts\":9000,\"ev\":\"end\",\"events\":31,\"dropped\":0,"
	  "\"exit_code\":139}\n",
	  "" },
	{ { .kind = EV_END, .seq = 30, .ts = 9000,
	    .u.end = { .events = 31, .dropped = 2 } },
	  "{\"seq\":30,\"ts\":9000,\"ev\":\"end\",\"events\":31,\"dropped\":2,"
	  "\"exit_code\":null}\n",
	  "" },
};
/* clang-format on */

#define GOLDEN_COUNT (sizeof(golden) / sizeof(golden[0]))

/* Run events through a fresh sink writing to a memory stream; returns the text. */
static char *run_sink(const struct sink_ops *ops, const struct text_opts *topts,
		      const struct pt_event *const *evs, size_t n)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);
	void *ctx;

	if (!f)
		return NULL;
	if (ops == &json_sink_ops)
		ctx = json_sink_new(f, false);
	else if (ops == &text_sink_ops)
		ctx = text_sink_new(f, false, topts);
	else
		ctx = summary_sink_new(f, false, NULL, false, false);
	for (size_t i = 0; i < n; i++)
		ops->event(ctx, evs[i]);
	ops->flush(ctx);
	if (ops->close(ctx) != 0)
		FAIL("%s sink close failed", ops->name);
	fclose(f);
	return buf;
}

static void test_golden(void)
{
	static const struct text_opts topts = { .strsize = 32 };

	for (size_t i = 0; i < GOLDEN_COUNT; i++) {
		const struct pt_event *ev = &golden[i].ev;
		char *json = run_sink(&json_sink_ops, NULL, &ev, 1);
		char *text = run_sink(&text_sink_ops, &topts, &ev, 1);
		struct json_object *obj;

		if (!json || strcmp(json, golden[i].json) != 0)
			FAIL("json %zu (%s):\n got  %s want %s", i,
			     event_kind_name(ev->kind), nz(json),
			     golden[i].json);
		obj = json ? json_tokener_parse(json) : NULL;
		if (!obj || !json_object_is_type(obj, json_type_object))
			FAIL("json %zu: not a JSON object: %s", i, nz(json));
		json_object_put(obj);
		if (!text || strcmp(text, golden[i].text) != 0)
			FAIL("text %zu (%s):\n got  %s want %s", i,
			     event_kind_name(ev->kind), nz(text),
			     golden[i].text);
		free(json);
		free(text);
	}
}

/* -tt and -r prefixes, and text escaping of tracee strings. */
static void test_text_options(void)
{
	static const struct pt_event start = {
		.kind = EV_START,
		.ts = 0,
		.u.start = { .schema = 1,
			     .realtime_ns = 1700000000000000000ull },
	};
	static const struct pt_event a = {
		.kind = EV_DETACH,
		.ts = 123456789,
		.pid = 5,
		.tid = 5,
	};
	static const struct pt_event b = {
		.kind = EV_ATTACH,
		.ts = 2123457789,
		.pid = 5,
		.tid = 6,
		.u.attach = { .comm = "a\tb\x1b\xc3\xa9\"" },
	};
	const struct pt_event *evs[] = { &start, &a, &b };
	struct text_opts o = { .strsize = 32, .ts = TEXT_TS_TIME_US };
	const char *want_tt =
		"22:13:20.123456 [5] detached\n"
		"22:13:22.123457 [5/6] attached comm=\"a\\tb\\x1b\\xc3\\xa9\\\"\"\n";
	const char *want_t =
		"22:13:20 [5] detached\n"
		"22:13:22 [5/6] attached comm=\"a\\tb\\x1b\\xc3\\xa9\\\"\"\n";
	const char *want_r =
		"     0.123456 [5] detached\n"
		"     2.000001 [5/6] attached comm=\"a\\tb\\x1b\\xc3\\xa9\\\"\"\n";
	char *got;

	setenv("TZ", "UTC", 1);
	tzset();
	got = run_sink(&text_sink_ops, &o, evs, 3);
	if (!got || strcmp(got, want_tt) != 0)
		FAIL("-tt:\n got  %s want %s", nz(got), want_tt);
	free(got);
	o.ts = TEXT_TS_TIME;
	got = run_sink(&text_sink_ops, &o, evs, 3);
	if (!got || strcmp(got, want_t) != 0)
		FAIL("-t:\n got  %s want %s", nz(got), want_t);
	free(got);
	o.ts = TEXT_TS_RELATIVE;
	got = run_sink(&text_sink_ops, &o, evs, 3);
	if (!got || strcmp(got, want_r) != 0)
		FAIL("-r:\n got  %s want %s", nz(got), want_r);
	free(got);
}

static void test_durations(void)
{
	static const struct {
		uint64_t ns;
		const char *want;
	} cases[] = {
		{ 0, "0 us" },
		{ 12345, "12 us" },
		{ 999999, "999 us" },
		{ 1000000, "1.0 ms" },
		{ 301234567, "301.2 ms" },
		{ 999960000, "1.00 s" },
		{ 2054000000, "2.05 s" },
		{ 125000000000ull, "125.00 s" },
	};
	char buf[32];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		text_duration(buf, sizeof(buf), cases[i].ns);
		if (strcmp(buf, cases[i].want) != 0)
			FAIL("duration %" PRIu64 ": got %s, want %s",
			     cases[i].ns, buf, cases[i].want);
	}
}

/* A small tree: fork, exec, crash, reap; an inferred reap; a pid reused. */
static void test_summary(void)
{
	static const struct pt_event evs[] = {
		{ .kind = EV_EXEC,
		  .ts = 0,
		  .pid = 100,
		  .tid = 100,
		  .u.exec = { .ok = true, .comm = "sh" } },
		{ .kind = EV_CLONE,
		  .ts = 1000000,
		  .pid = 100,
		  .tid = 100,
		  .u.clone = { .child_pid = 101, .child_tid = 101 } },
		{ .kind = EV_CLONE,
		  .ts = 2000000,
		  .pid = 100,
		  .tid = 100,
		  .u.clone = { .child_pid = 102, .child_tid = 102 } },
		{ .kind = EV_EXEC,
		  .ts = 3000000,
		  .pid = 101,
		  .tid = 101,
		  .u.exec = { .ok = true, .comm = "crash" } },
		{ .kind = EV_SIGNAL,
		  .ts = 4000000,
		  .pid = 101,
		  .tid = 101,
		  .u.signal = { .kind = SK_DELIVER, .sig = 11 } },
		{ .kind = EV_EXIT,
		  .ts = 5000000,
		  .pid = 101,
		  .tid = 101,
		  .u.exit = { .group = true,
			      .code_known = true,
			      .st = { .signaled = true,
				      .sig = 11,
				      .core = true } } },
		{ .kind = EV_REAP,
		  .ts = 305000000,
		  .pid = 100,
		  .tid = 100,
		  .u.reap = { .child_pid = 101,
			      .syscall = WS_WAIT4,
			      .zombie_ns = 300000000,
			      .st = { .signaled = true,
				      .sig = 11,
				      .core = true } } },
		{ .kind = EV_REAP,
		  .ts = 400000000,
		  .pid = 1,
		  .tid = 1,
		  .inferred = true,
		  .u.reap = { .child_pid = 102, .zombie_ns = 50000 } },
		{ .kind = EV_CLONE,
		  .ts = 500000000,
		  .pid = 100,
		  .tid = 100,
		  .u.clone = { .child_pid = 101, .child_tid = 101 } },
		{ .kind = EV_EXIT,
		  .ts = 2600000000ull,
		  .pid = 100,
		  .tid = 100,
		  .u.exit = { .group = true,
			      .code_known = true,
			      .st = { .code = 1 } } },
	};
	const struct pt_event *p[sizeof(evs) / sizeof(evs[0])];
	const char *want =
		"  PID COMM             EXIT                  LIFETIME    ZOMBIE  SIGNALS\n"
		"  100 sh               exit 1                  2.60 s         -        0\n"
		"  101 crash            SIGSEGV (core dumped)   4.0 ms  300.0 ms        1\n"
		"  102 sh               exit 0                398.0 ms     50 us        0\n"
		"  101 sh               -                            -         -        0\n"
		"Longest-lived zombies:\n"
		"  101 crash            300.0 ms\n"
		"  102 sh               50 us\n"
		"Totals:\n"
		"  processes 4, threads 4, execs 2 (0 failed), wall 2.60 s\n"
		"  peak live processes 3, reaped 2 (longest zombie 300.0 ms), exited unreaped 1\n"
		"Commands:\n"
		"COMMAND           COUNT      TOTAL     MEDIAN        MAX FAILED     ZOMBIE\n"
		"sh                    3     3.00 s   398.0 ms     2.60 s      1      50 us\n"
		"crash                 1     4.0 ms     4.0 ms     4.0 ms      1   300.0 ms\n"
		"Signals:\n"
		"SIGNAL           SENT  DELIVERED NOTE\n"
		"SIGSEGV             0          1\n"
		"Critical path:\n"
		"  PID COMM               LIFETIME       SELF\n"
		"  100 sh                   2.60 s     2.20 s\n"
		"  102 sh                 398.0 ms   398.0 ms\n";
	char *got;

	for (size_t i = 0; i < sizeof(evs) / sizeof(evs[0]); i++)
		p[i] = &evs[i];
	got = run_sink(&summary_sink_ops, NULL, p,
		       sizeof(evs) / sizeof(evs[0]));
	if (!got || strcmp(got, want) != 0)
		FAIL("summary:\n got\n%s want\n%s", nz(got), want);
	free(got);

	got = run_sink(&summary_sink_ops, NULL, NULL, 0);
	if (!got || strcmp(got, "  PID COMM             EXIT                  "
				"LIFETIME    ZOMBIE  SIGNALS\n"
				"Longest-lived zombies:\n  none\n"
				"Totals:\n"
				"  processes 0, threads 0, execs 0 (0 failed), wall 0 us\n"
				"  peak live processes 0, reaped 0 (longest zombie -), exited unreaped 0\n"
				"Commands:\n"
				"COMMAND           COUNT      TOTAL     MEDIAN        MAX FAILED     ZOMBIE\n"
				"Signals:\n  none\n"
				"Critical path:\n"
				"  PID COMM               LIFETIME       SELF\n"
				"  none\n") != 0)
		FAIL("empty summary:\n%s", nz(got));
	free(got);
}

/* close() reports a write error with errno. */
static void test_write_error(void)
{
	static const struct pt_event ev = { .kind = EV_DETACH,
					    .pid = 1,
					    .tid = 1 };
	FILE *f = fopen("/dev/full", "w");
	void *ctx;

	if (!f)
		return; /* no /dev/full here: nothing to check */
	ctx = json_sink_new(f, true);
	json_sink_ops.event(ctx, &ev);
	if (json_sink_ops.close(ctx) != -1)
		FAIL("json close on /dev/full did not fail");
}

int main(void)
{
	test_jsonstr_write();
	test_jsonstr_to_raw();
	test_golden();
	test_text_options();
	test_durations();
	test_summary();
	test_write_error();
	if (failures) {
		fprintf(stderr, "%d failure(s)\n", failures);
		return 1;
	}
	return 0;
}
