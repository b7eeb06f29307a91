"""Sends each argument as one UDP datagram, expecting no reply.

Usage: python3 udp_send.py HOST PORT TEXT...
"""
import socket
import sys


def main():
    host, port = sys.argv[1], int(sys.argv[2])
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_DGRAM) as sock:
        for text in sys.argv[3:]:
            sock.sendto(text.encode(), (host, port))


if __name__ == "__main__":
    main()
