// A WebSocket server from Node's ws package for ws-client's end-to-end tests. Prints its port on stdout as
// {"port":N}, then one JSON line per thing it sees: the upgrade request's headers, each message, each close.
// Usage: node ws-server.js MODE [--tls CERT KEY]
//   echo     echoes every message back as it came (text or binary)
//   greet    sends "hello" then "world" on connection, then echoes
//   reject   refuses every upgrade with 403 Forbidden (on /forbidden) or 404 Not Found
//   close    answers the first message by closing with 4001 "go away"
// Subprotocols: the first one offered of "chat" and "superchat" is chosen.
'use strict';
const fs = require('fs');
const http = require('http');
const https = require('https');
const { WebSocketServer } = require('ws');

const [mode, tlsFlag, certFile, keyFile] = process.argv.slice(2);
const log = (obj) => process.stdout.write(JSON.stringify(obj) + '\n');

const server = tlsFlag === '--tls'
  ? https.createServer({ cert: fs.readFileSync(certFile), key: fs.readFileSync(keyFile) })
  : http.createServer();
const wss = new WebSocketServer({
  noServer: true,
  maxPayload: 64 << 20,
  handleProtocols: (offered) => ['chat', 'superchat'].find((p) => offered.has(p)) || false,
});

server.on('upgrade', (req, socket, head) => {
  log({ event: 'upgrade', url: req.url, headers: req.headers });
  if (mode === 'reject') {
    const status = req.url === '/forbidden' ? '403 Forbidden' : '404 Not Found';
    socket.end(`HTTP/1.1 ${status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
    return;
  }
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});

wss.on('connection', (ws) => {
  log({ event: 'connection', protocol: ws.protocol });
  if (mode === 'greet') {
    ws.send('hello');
    ws.send('world');
  }
  ws.on('message', (data, isBinary) => {
    log({ event: 'message', binary: isBinary, bytes: data.length });
    if (mode === 'close') {
      ws.close(4001, 'go away');
      return;
    }
    ws.send(data, { binary: isBinary });
  });
  ws.on('ping', (data) => log({ event: 'ping', data: data.toString() }));
  ws.on('close', (code, reason) => log({ event: 'close', code, reason: reason.toString() }));
});

server.listen(0, '127.0.0.1', () => log({ port: server.address().port }));
