"""A plain Python socket client: sends all of stdin, half-closes, prints everything it gets back.

Usage: python3 tcp_client.py HOST PORT
"""
import socket
import sys
import threading


def send_all_then_fin(sock):
    while True:
        chunk = sys.stdin.buffer.read1(65536)
        if not chunk:
            break
        sock.sendall(chunk)
    sock.shutdown(socket.SHUT_WR)


def main():
    host, port = sys.argv[1], int(sys.argv[2])
    with socket.create_connection((host, port), timeout=30) as sock:
        sender = threading.Thread(target=send_all_then_fin, args=(sock,))
        sender.start()
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            sys.stdout.buffer.write(chunk)
        sender.join()
    sys.stdout.flush()


if __name__ == "__main__":
    main()
