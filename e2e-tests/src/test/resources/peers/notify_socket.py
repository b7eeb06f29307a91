"""A stand-in for systemd's notify socket: binds an AF_UNIX SOCK_DGRAM socket at PATH, prints
'bound PATH' on stderr, then each datagram received as one stderr line (newlines as spaces).

Usage: python3 notify_socket.py PATH
"""
import socket
import sys


def main():
    path = sys.argv[1]
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind(path)
        print("bound", path, file=sys.stderr, flush=True)
        while True:
            data = sock.recv(65536)
            print(data.decode("utf-8", "replace").strip().replace("\n", " "), file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
