// A plain Node http server on 127.0.0.1, port picked by the system, printed as 'listening PORT' on stderr.
// Endpoints:
//   /echo          answers JSON {method, url, headers, body} of the request
//   /chunked       three chunks written one after another (Transfer-Encoding: chunked)
//   /redirect/N    302 to /redirect/N-1 (relative Location); /redirect/0 answers 'done'
//   /gzip          'compressed hello' gzipped when the request accepts gzip, else plain
//   /cookies       sets two cookies (Set-Cookie twice), answers 'ok'
//   /status/N      answers status N
//   /hello         'Hello World'
//   /slow          never answers
//   /malformed     writes a status line that is not HTTP straight on the socket, then closes
'use strict';
const http = require('http');
const zlib = require('zlib');

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => route(req, res, Buffer.concat(chunks)));
});

function route(req, res, body) {
  const path = req.url.split('?')[0];
  let m;
  if (path === '/echo') {
    const json = JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body: body.toString('utf8') });
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(json);
  } else if (path === '/chunked') {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.write('one,');
    setImmediate(() => { res.write('two,'); setImmediate(() => res.end('three')); });
  } else if ((m = path.match(/^\/redirect\/(\d+)$/))) {
    const n = Number(m[1]);
    if (n === 0) {
      res.end('done');
    } else {
      res.writeHead(302, { Location: String(n - 1) });
      res.end('moving on');
    }
  } else if (path === '/gzip') {
    if (/\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
      res.writeHead(200, { 'Content-Encoding': 'gzip' });
      res.end(zlib.gzipSync('compressed hello'));
    } else {
      res.end('compressed hello');
    }
  } else if (path === '/cookies') {
    res.setHeader('Set-Cookie', ['a=1; Path=/', 'b=2; Path=/']);
    res.end('ok');
  } else if ((m = path.match(/^\/status\/(\d+)$/))) {
    res.writeHead(Number(m[1]));
    res.end();
  } else if (path === '/hello') {
    res.end('Hello World');
  } else if (path === '/slow') {
    // never answers
  } else if (path === '/malformed') {
    res.socket.end('NOT-HTTP garbage\r\n\r\n');
  } else {
    res.writeHead(404);
    res.end('not found');
  }
}

server.listen(0, '127.0.0.1', () => process.stderr.write(`listening ${server.address().port}\n`));
