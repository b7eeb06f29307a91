"""Runs a command on a pseudo-terminal and drives it like a person at the keyboard.

Usage: python3 pty_drive.py STEPS_JSON COMMAND...
STEPS_JSON is a list of ["expect", REGEX] (wait, up to 30 s, for output matching REGEX after the last match,
terminal escape sequences removed) and ["type", TEXT] (write TEXT to the terminal). Prints one JSON line:
{"ok": bool, "exit": code or null, "failed": step or null, "screen": everything shown, escapes removed}.
"""
import fcntl
import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time

ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Za-z0-9]|\x1b[=>]|\r")


def main():
    steps = json.loads(sys.argv[1])
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    proc = subprocess.Popen(sys.argv[2:], stdin=slave, stdout=slave, stderr=slave, start_new_session=True)
    os.close(slave)
    raw = b""
    cursor = 0
    failed = None
    ended = False
    for kind, arg in steps:
        if kind == "type":
            os.write(master, arg.encode())
            continue
        deadline = time.monotonic() + 30
        pattern = re.compile(arg)
        while True:
            shown = ESCAPES.sub(b"", raw).decode(errors="replace")
            match = pattern.search(shown, cursor)
            if match:
                cursor = match.end()
                break
            left = deadline - time.monotonic()
            if left <= 0 or ended:
                failed = [kind, arg]
                break
            ready, _, _ = select.select([master], [], [], left)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    chunk = b""
                if chunk:
                    raw += chunk
                else:
                    ended = True
        if failed:
            break
    code = None
    if failed:
        proc.kill()
    try:
        code = proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
    while True:
        ready, _, _ = select.select([master], [], [], 0)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        raw += chunk
    screen = ESCAPES.sub(b"", raw).decode(errors="replace")
    print(json.dumps({"ok": failed is None and code == 0, "exit": code, "failed": failed, "screen": screen}))


main()
