// Sends TEXT over TLS, trusting only the CA file given, and prints what comes back before the server closes.
// Usage: node tls-echo.js PORT CA_FILE TEXT
'use strict';
const fs = require('fs');
const tls = require('tls');

const [port, caFile, text] = process.argv.slice(2);
const chunks = [];
const socket = tls.connect({ host: '127.0.0.1', port: Number(port), ca: fs.readFileSync(caFile) }, () => {
  socket.end(text);
});
socket.on('data', (chunk) => chunks.push(chunk));
socket.on('end', () => {
  process.stdout.write(JSON.stringify({ protocol: socket.getProtocol(), echoed: Buffer.concat(chunks).toString() }));
});
socket.on('error', (err) => {
  console.log(JSON.stringify({ error: err.code || err.message }));
  process.exitCode = 1;
});
