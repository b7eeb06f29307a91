"""A python3 websockets (10.x asyncio API) client: offers subprotocols, sends a text and a binary message,
reads their echoes, closes with 1000 "done". Prints one JSON object.

Usage: python3 ws_echo_client.py URL [SUBPROTOCOL...]
"""
import asyncio
import json
import sys

import websockets


async def main(url, subprotocols):
    async with websockets.connect(url, subprotocols=subprotocols or None, compression=None) as ws:
        await ws.send("héllo from python")
        text = await ws.recv()
        await ws.send(bytes(range(8)))
        binary = await ws.recv()
        await ws.close(code=1000, reason="done")
        print(json.dumps({"subprotocol": ws.subprotocol, "text": text, "binary": binary.hex(),
                          "close": ws.close_code}))


asyncio.run(main(sys.argv[1], sys.argv[2:]))
