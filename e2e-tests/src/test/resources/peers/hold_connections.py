"""Opens N connections and holds them, sending nothing, until stdin closes; then closes them all.

Usage: python3 hold_connections.py HOST PORT N
Prints 'held N' on stderr once every connection is open (the kernel completes the handshakes from
the listen backlog even while the server cannot accept them).
"""
import socket
import sys


def main():
    host, port, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    socks = [socket.create_connection((host, port), timeout=10) for _ in range(n)]
    print("held %d" % len(socks), file=sys.stderr, flush=True)
    sys.stdin.buffer.read()
    for s in socks:
        s.close()


if __name__ == "__main__":
    main()
