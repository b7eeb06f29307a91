// GETs PATH with Node's https module, trusting only the CA file given, and prints one JSON line:
// the status, the TLS version, the ALPN protocol (false: HTTP/1.1 without ALPN) and the body.
// Usage: node https-get.js PORT CA_FILE PATH
'use strict';
const fs = require('fs');
const https = require('https');

const [port, caFile, path] = process.argv.slice(2);
const req = https.get({ host: 'localhost', port: Number(port), path, ca: fs.readFileSync(caFile) }, (res) => {
  const chunks = [];
  const protocol = res.socket.getProtocol();
  const alpn = res.socket.alpnProtocol;
  res.on('data', (chunk) => chunks.push(chunk));
  res.on('end', () => {
    console.log(JSON.stringify({
      status: res.statusCode,
      protocol,
      alpn,
      body: Buffer.concat(chunks).toString(),
    }));
  });
});
req.on('error', (err) => {
  console.log(JSON.stringify({ error: err.code || err.message }));
  process.exitCode = 1;
});
