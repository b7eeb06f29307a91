// Node's http hello world and a static file, the peer of the HTTP benchmark.
// Usage: node node-http.js FILE   -> GET /hello answers "Hello World"; GET /file streams FILE
// Prints "listening http 127.0.0.1:PORT" once bound.
'use strict';
const http = require('http');
const fs = require('fs');

const file = process.argv[2];
const server = http.createServer((req, res) => {
  if (req.url === '/hello') {
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': 11 });
    res.end('Hello World');
  } else if (req.url === '/file' && file) {
    const size = fs.statSync(file).size;
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': size });
    fs.createReadStream(file).pipe(res);
  } else {
    res.writeHead(404);
    res.end();
  }
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => console.log(`listening http 127.0.0.1:${server.address().port}`));
