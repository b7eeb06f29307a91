// A Node HTTPS / HTTP/2 server on 127.0.0.1, port picked by the system, printed as 'listening PORT' on stderr.
// Usage: node https-peer.js MODE [CERT KEY [CLIENT_CA]]
//   MODE https   https.createServer with CERT/KEY (HTTP/1.1; with CLIENT_CA a client certificate is required)
//   MODE h2      http2.createSecureServer with CERT/KEY, allowHTTP1 false (h2 by ALPN only)
//   MODE h2c     http2.createServer (cleartext HTTP/2 by prior knowledge)
//   MODE http    http.createServer (plain HTTP/1.1: a redirect target or source)
// Endpoints:
//   /echo        JSON {httpVersion, alpn, method, url, headers, body, client} of the request
//   /to?url=U    302 to U
'use strict';
const fs = require('fs');
const http = require('http');
const https = require('https');
const http2 = require('http2');

const [mode, certFile, keyFile, clientCaFile] = process.argv.slice(2);

function handle(req, res) {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const url = new URL(req.url, 'http://peer');
    if (url.pathname === '/to') {
      res.writeHead(302, { Location: url.searchParams.get('url') });
      res.end();
      return;
    }
    const socket = req.socket;
    const peer = socket.getPeerCertificate ? socket.getPeerCertificate() : null;
    const body = JSON.stringify({
      httpVersion: req.httpVersion,
      alpn: socket.alpnProtocol || null,
      method: req.method,
      url: req.url,
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
      client: peer && peer.subject ? peer.subject.CN : null,
    });
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(body);
  });
}

function tlsOptions() {
  const options = { cert: fs.readFileSync(certFile), key: fs.readFileSync(keyFile) };
  if (clientCaFile) {
    Object.assign(options, { ca: fs.readFileSync(clientCaFile), requestCert: true, rejectUnauthorized: true });
  }
  return options;
}

let server;
if (mode === 'https') {
  server = https.createServer(tlsOptions(), handle);
} else if (mode === 'h2') {
  server = http2.createSecureServer({ ...tlsOptions(), allowHTTP1: false }, handle);
} else if (mode === 'h2c') {
  server = http2.createServer(handle);
} else if (mode === 'http') {
  server = http.createServer(handle);
} else {
  console.error('unknown mode ' + mode);
  process.exit(2);
}
server.on('tlsClientError', (err) => console.error('tls client error: ' + (err.code || err.message)));
server.listen(0, '127.0.0.1', () => console.error('listening ' + server.address().port));
