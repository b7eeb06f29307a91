#!/usr/bin/env node
// Node echo servers for the benchmark kit (plain core modules, no packages).
//   node node-echo.js tcp [PORT]   net echo: socket.pipe(socket)
//   node node-echo.js udp [PORT]   dgram echo: every datagram sent back to its sender
// Binds 127.0.0.1 (PORT 0 = pick a free one) and then prints
// "listening tcp 127.0.0.1:PORT" (or udp) on stdout, like nettool.
'use strict';
const net = require('net');
const dgram = require('dgram');

const proto = process.argv[2];
const port = Number(process.argv[3] || 0);
if ((proto !== 'tcp' && proto !== 'udp') || !Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write('usage: node node-echo.js tcp|udp [PORT]\n');
  process.exit(2);
}

const ready = (p) => process.stdout.write(`listening ${proto} 127.0.0.1:${p}\n`);

if (proto === 'tcp') {
  const server = net.createServer({ noDelay: true }, (socket) => {
    socket.on('error', () => socket.destroy()); // a client reset must not end the server
    socket.pipe(socket); // echoes, with backpressure; ends our side after the client's FIN
  });
  server.on('error', (e) => { console.error(e.message); process.exit(1); });
  server.listen(port, '127.0.0.1', () => ready(server.address().port));
} else {
  const sock = dgram.createSocket('udp4');
  sock.on('message', (msg, rinfo) => sock.send(msg, rinfo.port, rinfo.address));
  sock.on('error', (e) => { console.error(e.message); process.exit(1); });
  sock.bind(port, '127.0.0.1', () => ready(sock.address().port));
}

for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => process.exit(0));
