"""A plain Python AF_UNIX stream listener: binds PATH, prints 'listening PATH' on stderr, then accepts
and closes connections until killed.

Usage: python3 unix_listener.py PATH
"""
import socket
import sys


def main():
    path = sys.argv[1]
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.bind(path)
        sock.listen(16)
        print("listening", path, file=sys.stderr, flush=True)
        while True:
            conn, _ = sock.accept()
            conn.close()


if __name__ == "__main__":
    main()
