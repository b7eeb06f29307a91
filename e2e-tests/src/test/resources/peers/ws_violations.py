"""Sends RFC 6455 violations over raw sockets and prints, per case, the close code the server answered with.

Usage: python3 ws_violations.py PORT CASE...
One bystander connection stays open throughout; after each case it sends a text message and must get it back.
Prints one JSON object per case: {"case": NAME, "close": CODE, "frames": [...], "bystander": true}.
"""
import base64
import json
import os
import socket
import struct
import sys

PORT = int(sys.argv[1])


def connect():
    s = socket.create_connection(("127.0.0.1", PORT), timeout=10)
    key = base64.b64encode(os.urandom(16)).decode()
    s.sendall(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
               "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n" % key).encode())
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = s.recv(1)
        if not chunk:
            raise SystemExit("handshake: connection closed")
        head += chunk
    if not head.startswith(b"HTTP/1.1 101"):
        raise SystemExit("handshake refused: " + head.decode(errors="replace"))
    return s


def frame(opcode, payload, fin=True, rsv=0, mask=True, length=None):
    first = (0x80 if fin else 0) | (rsv << 4) | opcode
    n = len(payload) if length is None else length
    if n < 126:
        head = struct.pack("!BB", first, (0x80 if mask else 0) | n)
    elif n < 65536:
        head = struct.pack("!BBH", first, (0x80 if mask else 0) | 126, n)
    else:
        head = struct.pack("!BBQ", first, (0x80 if mask else 0) | 127, n)
    if not mask:
        return head + payload
    key = os.urandom(4)
    return head + key + bytes(b ^ key[i % 4] for i, b in enumerate(payload))


def read_exact(s, n):
    data = b""
    while len(data) < n:
        chunk = s.recv(n - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return data


def read_frame(s):
    b1, b2 = read_exact(s, 2)
    n = b2 & 0x7F
    if n == 126:
        n = struct.unpack("!H", read_exact(s, 2))[0]
    elif n == 127:
        n = struct.unpack("!Q", read_exact(s, 8))[0]
    return b1 & 0x0F, read_exact(s, n)


def frames_until_close(s):
    """Frames the server sent until its Close (returns its code) or the end of the connection (None)."""
    seen = []
    try:
        while True:
            opcode, payload = read_frame(s)
            if opcode == 8:
                return (struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else 1005), seen
            seen.append([opcode, payload.decode("latin-1")])
    except (EOFError, ConnectionResetError, socket.timeout):
        return None, seen


def close_payload(code):
    return struct.pack("!H", code) + b"bye"


CASES = {
    "bad-utf8": [frame(1, b"\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5\xed\xa0\x80edited")],
    "bad-utf8-fragments": [frame(1, b"caf\xc3", fin=False), frame(0, b"\x28 and more")],
    "reserved-bits": [frame(1, b"rsv", rsv=2)],
    "bad-opcode": [frame(3, b"")],
    "unmasked": [frame(1, b"not masked", mask=False)],
    "oversized-frame": [frame(2, b"x" * 2048)],
    "oversized-message": [frame(2, b"x" * 1000, fin=False)] + [frame(0, b"x" * 1000, fin=False)] * 4
                         + [frame(0, b"x", fin=True)],
    "ping-126": [frame(9, b"p" * 126)],
    "fragmented-ping": [frame(9, b"p", fin=False)],
    "interleaved-ping": [frame(1, b"Hel", fin=False), frame(9, b"mid"), frame(0, b"lo", fin=True),
                         frame(8, close_payload(1000))],
    "close-1000": [frame(8, close_payload(1000))],
    "close-4000": [frame(8, close_payload(4000))],
    "close-1005": [frame(8, close_payload(1005))],
    "close-1006": [frame(8, close_payload(1006))],
    "close-999": [frame(8, close_payload(999))],
    "close-5000": [frame(8, close_payload(5000))],
    "close-one-byte": [frame(8, b"\x03")],
}

bystander = connect()
for number, name in enumerate(sys.argv[2:]):
    s = connect()
    s.sendall(b"".join(CASES[name]))
    code, seen = frames_until_close(s)
    s.close()
    text = ("still here %d" % number).encode()
    bystander.sendall(frame(1, text))
    opcode, echoed = read_frame(bystander)
    print(json.dumps({"case": name, "close": code, "frames": seen, "bystander": opcode == 1 and echoed == text}),
          flush=True)
bystander.sendall(frame(8, close_payload(1000)))
frames_until_close(bystander)
