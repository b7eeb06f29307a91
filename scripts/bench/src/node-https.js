// Node's https hello world, the peer of the HTTPS benchmark.
// Usage: node node-https.js CERT KEY   -> GET /hello answers "Hello World" over TLS
// Prints "listening https 127.0.0.1:PORT" once bound.
'use strict';
const https = require('https');
const fs = require('fs');

const [cert, key] = process.argv.slice(2);
const server = https.createServer({ cert: fs.readFileSync(cert), key: fs.readFileSync(key) }, (req, res) => {
  if (req.url === '/hello') {
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': 11 });
    res.end('Hello World');
  } else {
    res.writeHead(404);
    res.end();
  }
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => console.log(`listening https 127.0.0.1:${server.address().port}`));
