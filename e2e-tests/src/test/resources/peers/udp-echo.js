// A plain Node dgram echo server on 127.0.0.1, port picked by the system, printed as 'listening PORT' on stderr.
// Usage: node udp-echo.js
'use strict';
const dgram = require('dgram');

const socket = dgram.createSocket('udp4');
socket.on('message', (msg, rinfo) => socket.send(msg, rinfo.port, rinfo.address));
socket.on('error', (err) => process.stderr.write(`udp-echo.js: ${err.message}\n`));
socket.bind(0, '127.0.0.1', () => process.stderr.write(`listening ${socket.address().port}\n`));
