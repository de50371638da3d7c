# daemon.py - a multithreaded daemon for tests/scenarios/daemon_*.test: three
# threads call getpid and sleep, the main thread forks a child every 20 ms
# (exit n % 7) and waits for it; "n=N" after each, "ready" once started.
import os
import sys
import threading
import time


def work():
    while True:
        os.getpid()
        time.sleep(0.002)


for _ in range(3):
    threading.Thread(target=work, daemon=True).start()
print("pid=%d" % os.getpid(), flush=True)
print("ready", flush=True)
n = 0
while True:
    pid = os.fork()
    if pid == 0:
        os._exit(n % 7)
    os.waitpid(pid, 0)
    n += 1
    print("n=%d" % n, flush=True)
    time.sleep(0.02)
