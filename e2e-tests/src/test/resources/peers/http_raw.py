"""Sends exact request bytes (stdin) over one connection and reports how the server answered.

Usage: python3 http_raw.py HOST PORT [--trickle SECONDS]

Reads the whole answer until the server closes (deadline 20 s) and prints:
  the first status line, then 'responses N' (status lines seen), then 'end closed|reset|deadline',
  then 'after S' (seconds from the last byte sent to the end), 'total S' (from the connect), then
  the last line of the body.
With --trickle the bytes go out one line at a time, waiting up to SECONDS for an answer between
lines (a slow client, not a sleep: it stops sending as soon as the server answers).
"""
import re
import socket
import sys
import threading
import time

DEADLINE = 20.0


def lines(data):
    start = 0
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end + 1
        yield data[start:end]
        start = end


class Sender(threading.Thread):
    """Sends everything while the main thread reads, so an answer that comes early (a 413 while the
    body is still going out) is read before the server's close can reset the connection."""

    def __init__(self, sock, data):
        super().__init__(daemon=True)
        self.sock, self.data, self.done_at = sock, data, None

    def run(self):
        try:
            self.sock.sendall(self.data)
        except OSError:
            pass  # the server stopped reading and closed: what it answered is still read
        self.done_at = time.monotonic()


def send(sock, data, trickle):
    """Sends data (with trickle: line by line). Returns (bytes received meanwhile, whether it closed)."""
    if trickle is None:
        sender = Sender(sock, data)
        sender.start()
        sender.join(0.5)  # a small request is out at once; a large one goes on while we read
        return b"", False
    for piece in lines(data):
        sock.sendall(piece)
        sock.settimeout(trickle)
        try:
            got = sock.recv(65536)
        except socket.timeout:
            continue
        return got, not got
    return b"", False


def read_all(sock, got):
    end = "closed"
    deadline = time.monotonic() + DEADLINE
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return got, "deadline"
        sock.settimeout(left)
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            return got, "deadline"
        except ConnectionResetError:
            return got, "reset"
        if not chunk:
            return got, end
        got += chunk


def main():
    host, port = sys.argv[1], int(sys.argv[2])
    trickle = float(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[3] == "--trickle" else None
    data = sys.stdin.buffer.read()
    started = time.monotonic()
    with socket.create_connection((host, port)) as sock:
        got, closed = send(sock, data, trickle)
        sent_at = time.monotonic()
        got, end = (got, "closed") if closed else read_all(sock, got)
        ended = time.monotonic()
    statuses = re.findall(rb"(?m)^HTTP/\d\.\d \d{3}[^\r\n]*", got)
    print(statuses[0].decode("latin-1") if statuses else "no status line")
    print("responses %d" % len(statuses))
    print("end " + end)
    print("after %.1f" % (ended - sent_at))
    print("total %.1f" % (ended - started))
    body = got.rstrip(b"\n").rsplit(b"\n", 1)[-1]
    print(body.decode("latin-1"))


if __name__ == "__main__":
    main()
