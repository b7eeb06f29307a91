// A Node http client on one keep-alive socket: GETs each path in turn and prints
// "STATUS local-port=N" per response: one port for all of them means one connection.
// Usage: node http-keepalive.js PORT PATH...
'use strict';
const http = require('http');

const [port, ...paths] = process.argv.slice(2);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function get(i) {
  if (i === paths.length) {
    agent.destroy();
    return;
  }
  const req = http.get({ host: '127.0.0.1', port: Number(port), path: paths[i], agent }, (res) => {
    res.resume();
    res.on('end', () => {
      process.stdout.write(`${res.statusCode} local-port=${req.socket.localPort}\n`);
      get(i + 1);
    });
  });
  req.on('error', (err) => {
    process.stderr.write(`http-keepalive.js: ${err.message}\n`);
    process.exitCode = 1;
  });
}

get(0);
