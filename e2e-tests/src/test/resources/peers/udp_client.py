"""A plain Python UDP client: cuts stdin into datagrams of the given sizes, sends each and waits for
its reply, writing every reply to stdout. Prints 'bound PORT' on stderr first.

Usage: python3 udp_client.py HOST PORT SIZE...   (HOST ::1 uses AF_INET6)
"""
import socket
import sys


def main():
    host, port, sizes = sys.argv[1], int(sys.argv[2]), [int(s) for s in sys.argv[3:]]
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    payload = sys.stdin.buffer.read()
    with socket.socket(family, socket.SOCK_DGRAM) as sock:
        sock.settimeout(30)
        sock.bind((host, 0))
        print("bound", sock.getsockname()[1], file=sys.stderr, flush=True)
        offset = 0
        for size in sizes:
            sock.sendto(payload[offset:offset + size], (host, port))
            offset += size
            reply, _ = sock.recvfrom(65536)
            sys.stdout.buffer.write(reply)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
