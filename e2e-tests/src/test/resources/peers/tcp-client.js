// A plain Node net client: stdin to the socket, the socket to stdout; ends its side at stdin EOF.
// Usage: node tcp-client.js HOST PORT   (or: node tcp-client.js unix PATH)
'use strict';
const net = require('net');

const [host, port] = process.argv.slice(2);
const options = host === 'unix' ? { path: port } : { host, port: Number(port) };
const socket = net.connect(options, () => process.stdin.pipe(socket));
socket.pipe(process.stdout);
socket.on('error', (err) => {
  process.stderr.write(`tcp-client.js: ${err.message}\n`);
  process.exitCode = 1;
});
