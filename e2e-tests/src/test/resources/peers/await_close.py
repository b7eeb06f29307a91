"""Connects, sends nothing, and reports how the server ended the connection: 'closed' or 'reset'.

Usage: python3 await_close.py HOST PORT
"""
import socket
import sys


def main():
    host, port = sys.argv[1], int(sys.argv[2])
    with socket.create_connection((host, port), timeout=30) as sock:
        try:
            data = sock.recv(65536)
        except ConnectionResetError:
            print("reset")
            return
        print("closed" if not data else "data " + repr(data))


if __name__ == "__main__":
    main()
