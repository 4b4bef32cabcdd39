"""Runs a command on a pseudo-terminal and plays a person at it.

usage: pty_run.py ARGV_JSON ACTIONS_JSON
ACTIONS: ["wait", TEXT] waits until TEXT appears; ["type", TEXT] types it; ["eof"] types ^D;
["interrupt"] types ^C; ["sleep", SECONDS] waits that long (reading the output meanwhile). Prints the session's output, then a last line `exit=N`.
"""
import json
import os
import pty
import select
import sys
import time

argv = json.loads(sys.argv[1])
actions = json.loads(sys.argv[2])
pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)

output = b""


def pump(timeout):
    global output
    ready, _, _ = select.select([fd], [], [], timeout)
    if not ready:
        return True
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        return False
    if not chunk:
        return False
    output += chunk
    return True


for action in actions:
    if action[0] == "wait":
        deadline = time.time() + 30
        while action[1].encode() not in output and time.time() < deadline:
            if not pump(0.1):
                break
    elif action[0] == "type":
        os.write(fd, action[1].encode())
    elif action[0] == "eof":
        os.write(fd, b"\x04")
    elif action[0] == "interrupt":
        os.write(fd, b"\x03")
    elif action[0] == "sleep":
        until = time.time() + action[1]
        while time.time() < until:
            if not pump(min(0.1, max(0.0, until - time.time()))):
                break

while pump(0.2):
    pass
_, status = os.waitpid(pid, 0)
sys.stdout.write(output.decode("utf-8", "replace"))
sys.stdout.write("\nexit=%d\n" % os.waitstatus_to_exitcode(status))
