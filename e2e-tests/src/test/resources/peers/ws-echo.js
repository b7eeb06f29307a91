// A Node ws client round trip: text, binary, a ping and a 20 KB compressible text, then close 4000 "bye".
// Usage: node ws-echo.js URL [--ca FILE] [--compress] [--protocols a,b] [--origin ORIGIN]
// Prints one JSON object: protocol, extensions, the echoes, the pong payload and the server's close code.
'use strict';
const fs = require('fs');
const WebSocket = require('ws');

const [url, ...rest] = process.argv.slice(2);
const opt = (name) => { const i = rest.indexOf(name); return i < 0 ? undefined : rest[i + 1]; };
const protocols = opt('--protocols') ? opt('--protocols').split(',') : [];
const options = { perMessageDeflate: rest.includes('--compress') };
if (opt('--ca')) options.ca = fs.readFileSync(opt('--ca'));
if (opt('--origin')) options.origin = opt('--origin');

const big = 'nettool '.repeat(2560);
const result = { echoes: [] };
const ws = new WebSocket(url, protocols, options);
ws.on('open', () => {
  result.protocol = ws.protocol;
  result.extensions = ws.extensions;
  ws.send('hello');
  ws.send(Buffer.from([1, 2, 3]));
  ws.ping('hi');
  ws.send(big);
});
ws.on('pong', (data) => { result.pong = data.toString(); });
ws.on('message', (data, isBinary) => {
  const text = isBinary ? 'binary:' + data.toString('hex') : data.toString();
  result.echoes.push(text === big ? 'big text intact' : text);
  if (result.echoes.length === 3) ws.close(4000, 'bye');
});
ws.on('close', (code, reason) => {
  result.close = code;
  result.reason = reason.toString();
  process.stdout.write(JSON.stringify(result));
});
ws.on('error', (err) => {
  console.log(JSON.stringify({ error: err.code || err.message }));
  process.exitCode = 1;
});
