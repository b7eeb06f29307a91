"""python3 websockets echo server, the peer of the WebSocket benchmark.

Usage: python3 py-ws.py   -> echoes every message on any path, as it came (text or binary)
Prints "listening ws 127.0.0.1:PORT" once bound.
"""
import asyncio

import websockets


async def echo(ws, path=None):
    async for message in ws:
        await ws.send(message)


async def main():
    async with websockets.serve(echo, "127.0.0.1", 0, max_size=4 * 1024 * 1024, compression=None) as server:
        port = server.sockets[0].getsockname()[1]
        print(f"listening ws 127.0.0.1:{port}", flush=True)
        await asyncio.Future()


asyncio.run(main())
