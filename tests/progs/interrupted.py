#!/usr/bin/env python3
"""interrupted.py - a program that cleans up when interrupted, like make.

Prints ready=PID, then waits.  SIGINT (KeyboardInterrupt) prints
cleanup=SIGINT and exits 3; SIGTERM exits 4, SIGHUP 5, each after printing
cleanup=NAME.  With "stubborn" it prints the cleanup line and then waits
forever, catching every further signal: only SIGKILL ends it.
"""
import os
import signal
import sys

CODES = {"SIGINT": 3, "SIGTERM": 4, "SIGHUP": 5}


class Interrupted(Exception):
    pass


def on_signal(sig, frame):
    raise Interrupted(signal.Signals(sig).name)


def main():
    stubborn = len(sys.argv) > 1 and sys.argv[1] == "stubborn"
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGHUP, on_signal)
    print("ready=%d" % os.getpid(), flush=True)
    try:
        while True:
            signal.pause()
    except KeyboardInterrupt:
        name = "SIGINT"
    except Interrupted as e:
        name = str(e)
    print("cleanup=%s" % name, flush=True)
    while stubborn:
        try:
            signal.pause()
        except (KeyboardInterrupt, Interrupted) as e:
            print("again=%s" % (str(e) or "SIGINT"), flush=True)
    sys.exit(CODES[name])


main()
