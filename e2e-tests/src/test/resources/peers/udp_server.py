"""A plain Python UDP server on HOST, port picked by the system, printed as 'listening PORT' on stderr.

Usage: python3 udp_server.py echo|drop [HOST]   (echo sends each datagram back; drop ignores it)
"""
import socket
import sys


def main():
    mode = sys.argv[1]
    host = sys.argv[2] if len(sys.argv) > 2 else "127.0.0.1"
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_DGRAM) as sock:
        sock.bind((host, 0))
        print("listening", sock.getsockname()[1], file=sys.stderr, flush=True)
        while True:
            data, sender = sock.recvfrom(65536)
            if mode == "echo":
                sock.sendto(data, sender)


if __name__ == "__main__":
    main()
