"""A WebSocket server from python3's websockets package (the asyncio API of 10.x) for ws-client's tests.

Prints {"port": N} on stdout once listening, then one JSON line per thing it sees: the request's headers,
each message, each close. Usage: python3 ws_server.py MODE, where MODE is
  echo     echoes every message back as it came (text or binary)
  count    sends "tick 1" .. "tick 5" on connection, then echoes
Subprotocol "chat" is chosen when offered.
"""
import asyncio
import json
import sys

import websockets


def log(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


async def handler(ws, path):
    log({"event": "connection", "path": path, "subprotocol": ws.subprotocol,
         "headers": {k.lower(): v for k, v in ws.request_headers.raw_items()}})
    if sys.argv[1] == "count":
        for i in range(1, 6):
            await ws.send(f"tick {i}")
    try:
        async for message in ws:
            binary = isinstance(message, bytes)
            log({"event": "message", "binary": binary, "bytes": len(message)})
            await ws.send(message)
    except websockets.ConnectionClosed:
        pass
    log({"event": "close", "code": ws.close_code, "reason": ws.close_reason})


async def main():
    async with websockets.serve(handler, "127.0.0.1", 0, subprotocols=["chat"], max_size=64 << 20) as server:
        log({"port": server.sockets[0].getsockname()[1]})
        await asyncio.Future()


asyncio.run(main())
