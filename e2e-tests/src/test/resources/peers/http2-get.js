// GETs PATH with Node's http2 module over TLS, trusting only the CA file given, and prints one JSON line:
// the ALPN protocol of the session, the status and the body.
// Usage: node http2-get.js PORT CA_FILE PATH
'use strict';
const fs = require('fs');
const http2 = require('http2');

const [port, caFile, path] = process.argv.slice(2);
const session = http2.connect(`https://localhost:${port}`, { ca: fs.readFileSync(caFile) });
session.on('error', (err) => {
  console.log(JSON.stringify({ error: err.code || err.message }));
  process.exitCode = 1;
});
const req = session.request({ ':path': path });
const chunks = [];
let status = 0;
req.on('response', (headers) => { status = headers[':status']; });
req.on('data', (chunk) => chunks.push(chunk));
req.on('end', () => {
  console.log(JSON.stringify({ alpn: session.alpnProtocol, status, body: Buffer.concat(chunks).toString() }));
  session.close();
});
req.end();
