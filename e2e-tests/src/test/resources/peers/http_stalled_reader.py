"""A client that asks for a large response and then stops reading, until told to read on.

Usage: python3 http_stalled_reader.py HOST PORT PATH
Sends 'GET PATH' and prints 'sent'. Reads nothing until a line arrives on stdin (deadline 30 s), then
reads until the connection ends (deadline 20 s) and prints the status line, 'end closed|reset|deadline'
and 'bytes N' (everything received, head included). No sleeps: every wait has a deadline.
"""
import select
import socket
import sys
import time

GO_DEADLINE = 30.0
READ_DEADLINE = 20.0


def read_to_end(sock):
    """Returns (status line, how it ended, bytes received)."""
    head = b""
    count = 0
    deadline = time.monotonic() + READ_DEADLINE
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return head, "deadline", count
        sock.settimeout(left)
        try:
            chunk = sock.recv(1 << 20)
        except socket.timeout:
            return head, "deadline", count
        except ConnectionResetError:
            return head, "reset", count
        if not chunk:
            return head, "closed", count
        if count < 256:
            head += chunk[:256]
        count += len(chunk)


def main():
    host, port, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # A small receive window: the server's writes back up soon, as with a slow client.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 64 * 1024)
    sock.settimeout(GO_DEADLINE)
    sock.connect((host, port))
    sock.sendall(("GET %s HTTP/1.1\r\nHost: %s\r\n\r\n" % (path, host)).encode("latin-1"))
    print("sent", flush=True)
    ready, _, _ = select.select([sys.stdin], [], [], GO_DEADLINE)
    if not ready or not sys.stdin.readline():
        print("no go within %.0f s" % GO_DEADLINE, flush=True)
        sys.exit(1)
    head, end, count = read_to_end(sock)
    sock.close()
    print(head.split(b"\r\n", 1)[0].decode("latin-1") if head else "no status line")
    print("end " + end)
    print("bytes %d" % count)


if __name__ == "__main__":
    main()
