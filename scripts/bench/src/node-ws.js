// Node's ws echo server, the peer of the WebSocket benchmark (ws package, installed by ws.sh).
// Usage: node node-ws.js   -> echoes every message on any path, as it came (text or binary)
// Prints "listening ws 127.0.0.1:PORT" once bound.
'use strict';
const { WebSocketServer } = require('ws');

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 4 * 1024 * 1024, perMessageDeflate: false });
wss.on('connection', (ws) => {
  ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
});
wss.on('listening', () => console.log(`listening ws 127.0.0.1:${wss.address().port}`));
