"""Completes a WebSocket handshake, then never answers: counts the server's pings until it drops the connection.

Usage: python3 ws_silent.py PORT
Prints one JSON object: {"pings": N, "close": CODE or null}.
"""
import base64
import json
import os
import socket
import struct
import sys

s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=30)
key = base64.b64encode(os.urandom(16)).decode()
s.sendall(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n" % key).encode())
data = b""
while b"\r\n\r\n" not in data:
    chunk = s.recv(4096)
    if not chunk:
        break
    data += chunk
data = data.split(b"\r\n\r\n", 1)[1] if b"\r\n\r\n" in data else b""
pings, close = 0, None
while True:
    while len(data) >= 2 and len(data) >= 2 + (data[1] & 0x7F):
        opcode, n = data[0] & 0x0F, data[1] & 0x7F
        payload, data = data[2:2 + n], data[2 + n:]
        if opcode == 9:
            pings += 1
        elif opcode == 8:
            close = struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else 1005
    chunk = s.recv(4096)
    if not chunk:
        break
    data += chunk
print(json.dumps({"pings": pings, "close": close}))
